"""The open-data role: the network as files other software reads, all under `data/`.

    stations.geojson          RFC 7946 FeatureCollection, WGS-84 (converted from the stored GCJ-02)
    stations.csv              the same fields flat, both datums, UTF-8 with BOM
    hsds/*.csv + datapackage  Open Referral HSDS 3.0 as a Tabular Data Package
    hsds/organization.json    HSDS 3.0 JSON (the organization with its locations and services)

plus schema.org JSON-LD for station pages and the home page, the 开放数据 page that explains the
files, and the sitemap and robots.txt search engines read. Only the fields listed in `public.py`
ever leave the data: Wi-Fi details and staff notes stay out of every file.
"""
