"""Records in bulk: file formats (``formats``), the checked importer (``importer``, with ``keyed`` records and
``writing``), and the synthetic dataset for benchmarks (``dataset``)."""
