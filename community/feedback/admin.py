"""Feedback for staff: the report under Reports (weekly chart, channels, pages,
latest comments, CSV) and a dashboard panel with the last weeks."""

from django import forms
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from shop_link.models import Product

from ..conf import setting
from . import report
from .export import to_csv
from .models import Channel, Face, Feedback

VIEW_FEEDBACK = "community.view_feedback"

# The periods the report offers, in weeks; the first is the panel's.
PERIODS = (8, 12, 26, 52)
DEFAULT_PERIOD = 12
LATEST_COMMENTS = 20
PAGES_LISTED = 20

# The place of answers given on no page: /feedback/ with or without a channel.
NO_PAGE = "none"


class FeedbackMenuItem(MenuItem):
    """ "Feedback" under Reports, for those who may read it."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_FEEDBACK)


class FeedbackFilters(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        required=False,
        choices=[("", gettext_lazy("All channels")), *Channel.choices],
    )
    place = forms.ChoiceField(label=gettext_lazy("Page"), required=False)
    weeks = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_PERIOD,
        initial=DEFAULT_PERIOD,
    )

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("All pages")), *places]
        self.fields["weeks"].choices = [
            (weeks, _("Last %(weeks)d weeks") % {"weeks": weeks}) for weeks in PERIODS
        ]

    def value(self, name):
        """A filter's value; its default when it is not given or not valid."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned[name] if name in cleaned else self.fields[name].clean("")


def place_key(page_id, product_id) -> str:
    if page_id:
        return f"page:{page_id}"
    if product_id:
        return f"product:{product_id}"
    return NO_PAGE


def place_names(keys) -> dict[str, str]:
    """A name for each place key, in two queries whatever their number."""
    page_ids = [key.split(":")[1] for key in keys if key.startswith("page:")]
    product_ids = [key.split(":")[1] for key in keys if key.startswith("product:")]
    names = {NO_PAGE: _("No page: /feedback/ and its channels")}
    names.update(
        (f"page:{pk}", title)
        for pk, title in Page.objects.filter(pk__in=page_ids).values_list("pk", "title")
    )
    names.update(
        (f"product:{pk}", _("Product: %(title)s") % {"title": title})
        for pk, title in Product.objects.filter(pk__in=product_ids).values_list(
            "pk", "title"
        )
    )
    return names


def answered_places() -> list[tuple[str, str]]:
    """The places that have answers, as filter choices, by name."""
    keys = {
        place_key(page_id, product_id)
        for page_id, product_id in Feedback.objects.order_by()
        .values_list("page_id", "product_id")
        .distinct()
    }
    names = place_names(keys)
    return sorted(((key, names.get(key, key)) for key in keys), key=lambda c: c[1])


def in_place(queryset, key: str):
    kind, __, pk = key.partition(":")
    if kind == "page":
        return queryset.filter(page_id=pk)
    if kind == "product":
        return queryset.filter(product_id=pk)
    return queryset.filter(page__isnull=True, product__isnull=True)


def face_labels() -> dict[str, str]:
    return {face.value: str(face.label) for face in Face}


def share_row(name, tally, *, highlight=False) -> dict:
    """A row of a table of shares: its name, its answers, each face's share."""
    return {
        "name": name,
        "total": tally.total,
        "percents": [
            "–"
            if (percent := tally.percent(face)) is None
            else report.percent_label(percent)
            for face in report.FACES
        ],
        "highlight": highlight,
    }


def weekly_figures(queryset, weeks: int, *, chart_id: str) -> dict:
    """The weeks up to this one, the drop to highlight and the chart."""
    today = timezone.localdate()
    mondays = report.weeks_ending(today, weeks)
    rows = queryset.between(mondays[0], today).faces_by_day()
    found = report.weekly(rows, today, weeks)
    drop = report.happy_drop(
        found,
        points=setting("COMMUNITY_FEEDBACK_DROP_POINTS"),
        min_answers=setting("COMMUNITY_FEEDBACK_DROP_MIN_ANSWERS"),
    )
    this_week, before = found[-1], report.pooled(found[-5:-1])
    return {
        "weeks": found,
        "week_rows": [
            share_row(
                _("W%(week)d, %(year)d") % {"week": week.number, "year": week.year},
                week,
                highlight=drop is not None and week is drop.week,
            )
            for week in reversed(found)
        ],
        "drop": drop,
        "this_week": this_week,
        "this_week_happy": this_week.percent("happy"),
        "before": before,
        "before_happy": before.percent("happy"),
        "first_day": mondays[0],
        "chart": report.chart_svg(
            found,
            title=_("Share of happy, neutral and unhappy answers per week"),
            description=chart_description(found, this_week, before),
            labels=face_labels(),
            drop=drop,
            chart_id=chart_id,
        ),
    }


def chart_description(weeks, this_week, before) -> str:
    count = sum(week.total for week in weeks)
    text = ngettext(
        "%(count)d answer from week %(first)s to week %(last)s, as stacked bars "
        "per week: happy at the bottom, neutral in the middle, unhappy on top.",
        "%(count)d answers from week %(first)s to week %(last)s, as stacked bars "
        "per week: happy at the bottom, neutral in the middle, unhappy on top.",
        count,
    ) % {
        "count": count,
        "first": weeks[0].iso,
        "last": weeks[-1].iso,
    }
    if this_week.total and before.total:
        text += " " + _(
            "This week %(now)d%% happy; the four weeks before, %(before)d%%."
        ) % {"now": this_week.percent("happy"), "before": before.percent("happy")}
    return text


class FeedbackReportView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The share of each face per week, by channel and by page, with comments."""

    model = Feedback
    permission_required = "view"
    template_name = "community/admin/feedback_report.html"
    page_title = gettext_lazy("Feedback")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        self.filters = FeedbackFilters(request.GET or None, places=answered_places())
        self.weeks = self.filters.value("weeks")
        self.answers = Feedback.objects.all()
        channel = self.filters.value("channel")
        if channel:
            self.answers = self.answers.filter(channel=channel)
        place = self.filters.value("place")
        if place:
            self.answers = in_place(self.answers, place)
        if request.GET.get("export") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = weekly_figures(self.answers, self.weeks, chart_id="feedback-chart")
        period = self.answers.between(figures["first_day"], timezone.localdate())
        by_channel = report.tally_by(
            period.order_by().values_list("channel", "face").annotate(count=Count("pk"))
        )
        by_place = report.tally_by(
            (place_key(page_id, product_id), face, count)
            for page_id, product_id, face, count in period.order_by()
            .values_list("page_id", "product_id", "face")
            .annotate(count=Count("pk"))
        )
        places = sorted(by_place.items(), key=lambda item: -item[1].total)
        names = place_names([key for key, __ in places[:PAGES_LISTED]])
        latest = (
            period.with_comments()
            .select_related("page", "product")
            .order_by("-day")[:LATEST_COMMENTS]
        )
        context.update(
            figures,
            filters=self.filters,
            faces=Face.choices,
            period_total=sum(week.total for week in figures["weeks"]),
            channels=[
                share_row(label, by_channel[value])
                for value, label in Channel.choices
                if value in by_channel
            ],
            places=[
                share_row(names.get(key, key), tally)
                for key, tally in places[:PAGES_LISTED]
            ],
            more_places=max(len(places) - PAGES_LISTED, 0),
            latest=[(answer, self.place_name(answer, names)) for answer in latest],
            export_query=self.export_query(),
            drop_points=setting("COMMUNITY_FEEDBACK_DROP_POINTS"),
        )
        return context

    @staticmethod
    def place_name(answer, names) -> str:
        if answer.page_id:
            return answer.page.title
        if answer.product_id:
            return _("Product: %(title)s") % {"title": answer.product.title}
        return names[NO_PAGE]

    def export_query(self) -> str:
        query = self.request.GET.copy()
        query["export"] = "csv"
        return query.urlencode()

    def csv(self):
        """Every answer of the period and filters, one row each, oldest first."""
        first_day = report.weeks_ending(timezone.localdate(), self.weeks)[0]
        answers = (
            self.answers.between(first_day, timezone.localdate())
            .select_related("page", "product")
            .order_by("day", "channel")
        )
        labels, channels = face_labels(), dict(Channel.choices)
        names = {NO_PAGE: _("No page: /feedback/ and its channels")}
        rows = (
            (
                answer.day.isoformat(),
                report.Week(monday=report.monday_of(answer.day)).iso,
                labels[answer.face],
                channels[answer.channel],
                self.place_name(answer, names),
                answer.comment,
            )
            for answer in answers.iterator(chunk_size=500)
        )
        header = (
            _("Day"),
            _("Week"),
            _("Answer"),
            _("Channel"),
            _("Page"),
            _("Comment"),
        )
        response = HttpResponse(
            to_csv(header, rows).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="feedback-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        return response


class FeedbackPanel(Component):
    """The dashboard's summary: the last weeks' chart and this week's share."""

    name = "feedback"
    order = 160
    template_name = "community/admin/feedback_panel.html"

    def get_context_data(self, parent_context):
        figures = weekly_figures(
            Feedback.objects.all(), PERIODS[0], chart_id="feedback-panel-chart"
        )
        return {**figures, "faces": Face.choices}
