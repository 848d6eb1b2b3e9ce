"""The extraction assistant's one-off start-up in a process, done at once by ``load()``: spaCy's pipeline, the cue
vocabulary compiled into its matcher, the speakers' words, the gazetteer and GeoNames' cities, dateparser.

Without it each of them loads the first time an article needs it: the first extraction in a process took 20–30 s
on a busy machine (tester 45, D2: gunicorn's 30 s timeout killed the worker). ``gunicorn.conf.py`` has the master
load it before it forks the workers (docs/operations.md); ``events.services.proposals.started`` loads it before a
run's deadline starts. spaCy is imported here only when ``load()`` runs, never with Django.
"""

import datetime

# A sentence that takes the reader down its usual roads: a dateline, a state and its ministry, a cue, a city before
# an event noun, a weekday and a written date.
SAMPLE = (
    "GENEVA, March 3 (Reuters) - Russia said on Monday it would attend the peace talks in Geneva next week, and "
    "Ukraine's foreign ministry spokesman told reporters that Kyiv had declined the invitation to the Doha meeting "
    "on 12 March."
)


def load():
    """Load everything the extraction assistant loads once a process, and read ``SAMPLE`` against the gazetteer."""
    from events.extraction import eventtitles, gazetteer, speakers, vocabulary
    from events.extraction.catalog import Catalog
    from events.extraction.extractor import extract

    vocabulary.pipeline()
    vocabulary.default_vocabulary()
    speakers.speaker_words()
    eventtitles.state_names()
    for table in (
        gazetteer.gazetteer,
        gazetteer.adjectives,
        gazetteer.adjective_states,
        gazetteer.capitals,
        gazetteer.capital_names,
        gazetteer.city_names,
        gazetteer.city_countries,
        gazetteer.city_states,
    ):
        table()
    extract(SAMPLE, published_on=datetime.date(2024, 3, 3), catalog=Catalog(gazetteer.extend([])))
