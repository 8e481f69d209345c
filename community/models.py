"""Every model of the community, under the app label its migrations know.

Each concern keeps its models in its own subpackage; they are gathered here so
that Django finds them all and `community.models.Comment` (xtd's
COMMENTS_XTD_MODEL) keeps its name.
"""

from .announcements.models import Announcement, Dismissal
from .board.models import BoardCategory, Topic
from .discussions.models import Comment, Reaction, Unsubscription
from .feedback.models import Feedback
from .mail.models import LateMail
from .members.models import (
    Consent,
    HiddenCategory,
    InterestCategories,
    MemberInterest,
    PersonalFeed,
    Profile,
)
from .pages import CommunityIndexPage
from .questions.models import ProductAnswer, ProductQuestion
from .reports.models import Report
from .writing.moderated import ModerationState

__all__ = [
    "Announcement",
    "BoardCategory",
    "Comment",
    "CommunityIndexPage",
    "Consent",
    "Dismissal",
    "Feedback",
    "HiddenCategory",
    "InterestCategories",
    "LateMail",
    "MemberInterest",
    "ModerationState",
    "PersonalFeed",
    "ProductAnswer",
    "ProductQuestion",
    "Profile",
    "Reaction",
    "Report",
    "Topic",
    "Unsubscription",
]
