"""Publishing a built site: sync `site/` to S3-compatible object storage (`python -m generator deploy`).

    kinds     Content-Type, Cache-Control and upload stage of each file, from its name alone
    plan      what to upload, keep and delete, compared by content hash; refuses to delete a printed page
    s3        the object store, through boto3 (the only module that imports it)
    deploy    runs a plan against a store in order, with progress and a summary

Pure file work: no MkDocs import (the CLI reads mkdocs.yml's settings through the adapter).
"""
