"""Folder audits: every page under some paths scored into one JSONL or CSV file.

``local`` discovers the pages, reads them (:func:`detector.page.reading.read_page`) and scores them in this process or a process pool;
``dask_backend`` scores them on a dask cluster.
"""
