"""Who reviewed a report, in bulk files: a user named by username, made here when this database has none of that name.

A report's ``reviewed_by`` is exported as its username (the natural key ``dumpdata`` gives a user). Imported into
another database, which has none of the source's users, a reviewer that is not there is made as an account no one
can sign in with (inactive, no usable password, no group, no permission), so that the record keeps who reviewed it
and exports again as it was. An administrator who wants that person to sign in gives the account a password and
activates it. A user of that name that exists is taken as it is, never changed.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from events.transfer.keyed import find_by_natural_keys


class Reviewers:
    """Finds related records by natural key; reviewers (users, by username) missing made unless ``make`` is false."""

    def __init__(self, *, make=True):
        self.model = get_user_model()
        self.make = make
        self.made = []  # the usernames of the accounts made, in the order made

    def find(self, model, keys):
        """The records of ``model`` with these keys, by key (``find_by_natural_keys``); of users, those missing
        made first, if their username is one."""
        found = find_by_natural_keys(model, keys)
        if model is not self.model or not self.make:
            return found
        missing = sorted(key for key in set(keys) - found.keys() if self.is_username(key[0]))
        if missing:
            users = []
            for (username,) in missing:
                user = self.model(**{self.model.USERNAME_FIELD: username}, is_active=False)
                user.set_unusable_password()
                users.append(user)
            self.model._default_manager.bulk_create(users)
            self.made += [username for (username,) in missing]
            found.update(find_by_natural_keys(self.model, missing))
        return found

    def is_username(self, value):
        try:
            self.model._meta.get_field(self.model.USERNAME_FIELD).clean(value, None)
        except ValidationError:
            return False
        return True
