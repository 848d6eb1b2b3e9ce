"""The dataset's chunks of events made in worker processes, handed back in order to the process that writes.

Each chunk has a random generator of its own (``Dataset.chunk_fields``), so the records are the same
whatever the number of workers. At most two chunks a worker wait, made and not yet written, so the
memory stays that of a few chunks however large the dataset.
"""

import collections
import multiprocessing

from events.transfer.dataset import Dataset

# The dataset each worker makes its chunks from: its participants, made once per worker.
worker_dataset = None


def start_worker(events, seed):
    global worker_dataset
    worker_dataset = Dataset(events=events, seed=seed)
    collections.deque(worker_dataset.participant_records(), maxlen=0)


def make_chunk(first):
    return worker_dataset.chunk_fields(first)


def generate_in_workers(*, events, seed, workers):
    """The records of ``Dataset(events=events, seed=seed).records()``, their chunks made by ``workers`` processes."""
    dataset = Dataset(events=events, seed=seed)
    yield from dataset.participant_records()
    # fork: the workers start from this process's loaded Django and use no database connection.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=start_worker, initargs=(events, seed)) as pool:
        starts = iter(dataset.chunk_starts())
        waiting = collections.deque()
        for first in starts:
            waiting.append(pool.apply_async(make_chunk, (first,)))
            if len(waiting) >= 2 * workers:
                break
        while waiting:
            fields = waiting.popleft().get()
            first = next(starts, None)
            if first is not None:
                waiting.append(pool.apply_async(make_chunk, (first,)))
            yield from dataset.numbered(fields)
