"""The people drop-downs of list filters (seller, owner, author): every member by name,
names shown as text, the chosen one selected."""

from __future__ import annotations

from headway.web.templatetags.headway import person_options
from headway.workspaces.selectors import PersonChoice, person_choices
from tests import factories


def test_people_filters_list_members_by_name_with_the_email_when_there_is_no_name(world):
    nameless = factories.make_user(email="quiet.one@example.com", name="")
    factories.make_membership(world.workspace, nameless)

    choices = person_choices(world.workspace)
    names = [c.display_name for c in choices if c.pk != nameless.pk]

    assert [c.display_name for c in choices if c.pk == nameless.pk] == ["quiet.one"]
    assert names == sorted(names) and len(names) >= 5
    assert all(c.pk != world.outsider.pk for c in choices)


def test_people_options_escape_names_and_mark_the_chosen_one():
    choices = [PersonChoice(3, "Ann <b>"), PersonChoice(7, 'Bo "B" & Co')]

    html = person_options(choices, selected="7")

    assert html == (
        '<option value="3">Ann &lt;b&gt;</option>'
        '<option value="7" selected>Bo &quot;B&quot; &amp; Co</option>'
    )
    assert 'value="3" selected' in person_options(choices, selected=3)
    assert "Ann" not in person_options(choices, exclude=3)
