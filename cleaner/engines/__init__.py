"""Cleaning inside other engines: Ray Data, datatrove, Hugging Face datasets.

Each adapter is thin: it hands records to :func:`cleaner.clean_record` (through
:func:`columns.clean_batch` where the engine works in column batches), so the cleaning
itself exists once and gives the same records on a laptop and on a cluster.

- :mod:`cleaner.engines.columns`: column batches in, column batches out (no extra needed).
- :mod:`cleaner.engines.hf_datasets`: ``Dataset.map`` (extra ``cleaner[datasets]``).
- :mod:`cleaner.engines.ray_data`: a Ray dataset of records (extra ``cleaner[ray]``).
- :mod:`cleaner.engines.ray_batch`: ``cleaner clean --engine ray`` (extra ``cleaner[ray]``),
  reading and writing paths and URLs through :mod:`cleaner.sources.locations`.
- :mod:`cleaner.engines.datatrove_step`: a datatrove pipeline step (extra ``cleaner[datatrove]``).
"""
