"""The new parties' names by their words (events.extraction.namewords): what a short form is looked up among."""

from events.extraction.namewords import NamesByWord, stems


def test_the_names_holding_every_word_in_any_number():
    names = NamesByWord()
    names["liberation tigers of tamil eelam"] = "ltte"
    names.setdefault("tamil national alliance", "tna")
    names.setdefault("tamil national alliance", "another")  # the first party a name was given stays

    assert names.holding(stems("tamil tiger")) == {"liberation tigers of tamil eelam"}
    assert names.holding(stems("tamil")) == {"liberation tigers of tamil eelam", "tamil national alliance"}
    assert names.holding(stems("tamil front")) == set() and names.holding(set()) == set()
    assert names["tamil national alliance"] == "tna"


def test_a_name_given_another_party_is_still_found_by_its_words():
    names = NamesByWord()
    names["northern front"] = "first"
    names["northern front"] = "renamed"  # a party updated with its country or an alias (newparties._owned)

    assert names.holding(stems("northern-fronts")) == {"northern front"}
    assert names["northern front"] == "renamed"
