"""The dataset's chunks of events made in worker processes, handed back in order to the process that writes.

Each chunk has a random generator of its own (``Dataset.chunk_fields``), so the records are the same
whatever the number of workers. At most two chunks a worker wait, made and not yet written, so the
memory stays that of a few chunks however large the dataset.

A worker makes a chunk's records for ``import_records`` (``generate_in_workers``), or its rows for the
direct write (``rows_in_workers``, ``events.transfer.direct``).
"""

import collections
import multiprocessing

from django.db import connections

from events.transfer.dataset import Dataset
from events.transfer.dataset_rows import RowMaker

# What each worker makes its chunks from: the dataset, its participants made once per worker, and for
# rows the maker that knows the participants' ids.
worker_dataset = None
worker_rows = None


def start_worker(events, seed, using=None, participant_ids=None):
    global worker_dataset, worker_rows
    worker_dataset = Dataset(events=events, seed=seed)
    collections.deque(worker_dataset.participant_records(), maxlen=0)
    if participant_ids is not None:
        # No query: the maker only reads how the database takes its values.
        worker_rows = RowMaker(connections[using], participant_ids)


def make_chunk(first):
    return worker_dataset.chunk_fields(first)


def make_chunk_rows(first):
    return worker_rows.chunk_rows(worker_dataset.chunk_fields(first))


def generate_in_workers(*, events, seed, workers):
    """The records of ``Dataset(events=events, seed=seed).records()``, their chunks made by ``workers`` processes."""
    dataset = Dataset(events=events, seed=seed)
    yield from dataset.participant_records()
    for fields in in_workers(dataset, make_chunk, workers, (events, seed)):
        yield from dataset.numbered(fields)


def rows_in_workers(*, events, seed, workers, using, participant_ids):
    """The rows of each chunk of events (``RowMaker.chunk_rows``), in order, made by ``workers`` processes."""
    dataset = Dataset(events=events, seed=seed)
    return in_workers(dataset, make_chunk_rows, workers, (events, seed, using, participant_ids))


def in_workers(dataset, task, workers, initargs):
    """``task(first)`` for each chunk of ``dataset``, in order, run by ``workers`` processes."""
    # fork: the workers start from this process's loaded Django and use no database connection.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=start_worker, initargs=initargs) as pool:
        starts = iter(dataset.chunk_starts())
        waiting = collections.deque()
        for first in starts:
            waiting.append(pool.apply_async(task, (first,)))
            if len(waiting) >= 2 * workers:
                break
        while waiting:
            made = waiting.popleft().get()
            first = next(starts, None)
            if first is not None:
                waiting.append(pool.apply_async(task, (first,)))
            yield made
