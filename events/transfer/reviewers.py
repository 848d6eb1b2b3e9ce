"""Who reviewed a report, in bulk files: a user named by username, made here when this database has none of that name.

A report's ``reviewed_by`` is exported as its username (the natural key ``dumpdata`` gives a user). Imported into
another database, which has none of the source's users, a reviewer that is not there is made as an account no one
can sign in with (inactive, no usable password, no group, no permission), so that the record keeps who reviewed it
and exports again as it was. It is made once the report is found good and only if the report keeps its reviewer
(``Report.keeps_reviewer``: a draft is stored without one): never for a report that is not written (tester 46,
D4). An administrator who wants that person to sign in gives the account a password and activates it. A user of
that name that exists is taken as it is, never changed.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from events.transfer.keyed import find_by_natural_keys


class Reviewers:
    """Finds related records by natural key; reviewers (users, by username) missing are ``TO_MAKE``, made by
    ``make_for()`` for the reports written that keep them, unless ``make`` is false."""

    def __init__(self, *, make=True):
        self.model = get_user_model()
        self.make = make
        self.made = []  # the usernames of the accounts made, in the order made

    def find(self, model, keys):
        """The records of ``model`` with these keys, by key (``find_by_natural_keys``); of users, those missing
        ``TO_MAKE``, if their username is one."""
        found = find_by_natural_keys(model, keys)
        if model is not self.model or not self.make:
            return found
        found.update({key: TO_MAKE for key in set(keys) - found.keys() if self.is_username(key[0])})
        return found

    def make_for(self, wanted):
        """Make the accounts of ``wanted`` (``(report, field, key)`` of the reports written whose reviewer is
        ``TO_MAKE``) for the reports that keep their reviewer, and set each report's."""
        kept = [(instance, field, key) for instance, field, key in wanted if instance.keeps_reviewer()]
        usernames = sorted({username for _instance, _field, (username,) in kept})
        if not usernames:
            return
        users = []
        for username in usernames:
            user = self.model(**{self.model.USERNAME_FIELD: username}, is_active=False)
            user.set_unusable_password()
            users.append(user)
        self.model._default_manager.bulk_create(users)
        self.made += usernames
        made = find_by_natural_keys(self.model, [(username,) for username in usernames])
        for instance, field, key in kept:
            instance.__dict__[field.attname] = made[key].pk
            field.set_cached_value(instance, made[key])

    def is_username(self, value):
        try:
            self.model._meta.get_field(self.model.USERNAME_FIELD).clean(value, None)
        except ValidationError:
            return False
        return True


TO_MAKE = object()  # a reviewer this database has none of, made for the reports written that keep it
