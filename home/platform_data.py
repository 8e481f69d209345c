"""The personal data in Django's and Wagtail's own tables, which every app shares.

Declared here for the privacy page (see `home.personal_data`); imported once
when the app is ready. The community declares the tables it brings in itself
(accounts, comments) in `community.personal_data`.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .personal_data import Basis, PersonalData, Section, declare


def _session_retention() -> str:
    days = max(round(settings.SESSION_COOKIE_AGE / 86400), 1)
    return ngettext(
        "Until you log out, or %(days)d day after you logged in; an expired "
        "session can no longer be used and is deleted when the operator clears "
        "expired sessions.",
        "Until you log out, or %(days)d days after you logged in; an expired "
        "session can no longer be used and is deleted when the operator clears "
        "expired sessions.",
        days,
    ) % {"days": days}


TEAM_WORK = PersonalData(
    fields=("owner", "locked_by"),
    section=Section.TEAM,
    what=_(
        "What staff do in the admin: who wrote, changed, published, locked or "
        "commented on a page, a snippet or a setting, and when, with the earlier "
        "versions."
    ),
    purpose=_(
        "So that the team sees who did what and can go back to an earlier version."
    ),
    basis=Basis.LEGITIMATE_INTEREST,
    retention=_(
        "As long as the page or entry exists; earlier versions and the history "
        "of changes are not deleted automatically."
    ),
    seen_by=_("Staff in the admin."),
)
declare("wagtailcore.Page", TEAM_WORK)
declare("wagtailcore.Revision", TEAM_WORK.on("user", "object_str", "content"))
declare("wagtailcore.PageLogEntry", TEAM_WORK.on("user", "label", "action", "data"))
declare(
    "wagtailcore.ModelLogEntry",
    TEAM_WORK.on("user", "label", "action", "data", "object_id"),
)
declare(
    "wagtailcore.Comment",
    TEAM_WORK.on("user", "text", "contentpath", "position", "resolved_by"),
)
declare("wagtailcore.CommentReply", TEAM_WORK.on("user", "text"))
declare("wagtailcore.PageSubscription", TEAM_WORK.on("user"))
declare("wagtailcore.WorkflowState", TEAM_WORK.on("requested_by"))
declare("wagtailcore.TaskState", TEAM_WORK.on("finished_by", "comment"))
declare("wagtailadmin.EditingSession", TEAM_WORK.on("user"))
declare("wagtailadmin.FormState", TEAM_WORK.on("user", "data", "parent_object_id"))

UPLOADS = PersonalData(
    fields=("uploaded_by_user", "title", "file", "description", "file_hash"),
    section=Section.TEAM,
    what=_(
        "The pictures and documents staff upload, which may show people (the "
        "team, producers), and who uploaded them."
    ),
    purpose=_("To show them on the site; the uploader is noted for the team."),
    basis=Basis.LEGITIMATE_INTEREST,
    retention=_("Until staff delete the picture or document."),
    seen_by=_(
        "The pictures used on pages: everyone. Who uploaded them: staff in the admin."
    ),
)
declare("wagtailimages.Image", UPLOADS)
declare(
    "wagtaildocs.Document", UPLOADS.on("uploaded_by_user", "title", "file", "file_hash")
)
declare("wagtailcore.UploadedFile", UPLOADS.on("uploaded_by_user", "file"))

declare(
    "wagtailusers.UserProfile",
    PersonalData(
        fields=(
            "user",
            "avatar",
            "preferred_language",
            "current_time_zone",
            "theme",
            "contrast",
            "density",
            "keyboard_shortcuts",
            "dismissibles",
            "submitted_notifications",
            "approved_notifications",
            "rejected_notifications",
            "updated_comments_notifications",
        ),
        section=Section.TEAM,
        what=_(
            "Staff's settings for the admin: picture, language, time zone, its "
            "look and which notifications they want."
        ),
        purpose=_("So that the admin works the way each of them chose."),
        basis=Basis.CONTRACT,
        retention=_("Until the staff account is deleted."),
        seen_by=_("The staff member themselves."),
    ),
)
declare(
    "wagtailcore.APIToken",
    PersonalData(
        fields=("user", "name", "key_hash", "prefix", "created", "last_used_at"),
        section=Section.TEAM,
        what=_(
            "Keys staff create for programs that use the admin, and when each "
            "was last used."
        ),
        purpose=_("So that only the programs staff allowed can use the admin."),
        basis=Basis.LEGITIMATE_INTEREST,
        retention=_("Until the staff member deletes the key."),
        seen_by=_("The staff member who created the key, and administrators."),
    ),
)

declare(
    "sessions.Session",
    PersonalData(
        fields=("session_key", "session_data", "expire_date"),
        section=Section.TECHNICAL,
        what=_(
            "While you are logged in: a random key, which account it belongs to, "
            "and short-lived steps such as a confirmation you are in the middle of."
        ),
        purpose=_("To keep you logged in from one page to the next."),
        basis=Basis.CONTRACT,
        retention=_session_retention,
        seen_by=_("Nobody; the site reads it on each of your requests."),
    ),
)
