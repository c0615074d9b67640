"""strip_chrome: chrome lines go, every real sentence stays."""

from __future__ import annotations

import pytest

from marsad.ingest.clean import has_prose, parse_rules, strip_chrome

PAGE = """close button
Switch to Levant Daily Light?
It looks like you're having trouble loading the content on this page. Switch to Levant Daily Light instead.
Features

Drone strike hits car near Qamishli

June 3, 2024
Layla Darwish
4 min read
Smoke rises over the road, photo by a local activist
Smoke rises over the road, photo by a local activist

A drone struck a car on the road between Qamishli and Amuda on Monday, killing two men, a local monitor said.

The two men were members of a local security force, according to relatives.

Share this article
Read more
We use cookies to improve your experience. By continuing to browse the site you agree to our cookie policy.
Advertisement

comments

Images

Harvest Season in Amuda

June 1, 2024
Photo Blog
Harvest Season in Amuda"""


def test_page_chrome_is_removed_and_the_story_kept():
    out = strip_chrome(PAGE)
    assert out.splitlines() == [
        "Drone strike hits car near Qamishli",
        "",
        "June 3, 2024",
        "Layla Darwish",
        "Smoke rises over the road, photo by a local activist",
        "",
        (
            "A drone struck a car on the road between Qamishli and Amuda on Monday, killing two men, "
            "a local monitor said."
        ),
        "",
        "The two men were members of a local security force, according to relatives.",
    ]


SENTENCES = [
    "Comments by the governor were broadcast on local television on Sunday evening.",
    "The ministry declined to share details of the operation with reporters.",
    "Images circulated by activists showed a destroyed checkpoint near the bridge.",
    "Read more carefully, the statement suggests that the army withdrew from two villages.",
    "Close to the border, two shells hit a school, wounding three pupils.",
    "Residents said they would accept the truce if the shelling stopped.",
    "Activists said the attackers used cookies laced with poison, which we use as an example.",
    "Related fighting spread to the villages of Ain Issa and Suluk.",
    "Next week the council will vote on the reconstruction plan.",
    "Menu prices in Idlib doubled as the blockade went on.",
    "Photo evidence reviewed by the monitor showed at least six bodies.",
    "Print media in Damascus did not report the attack.",
    "Top commanders of the faction met in Afrin on Tuesday.",
    "By the time the ambulances arrived, three of the wounded had died.",
    "Search operations continued on Wednesday for four missing fishermen.",
    "Share prices in Erbil fell after the rocket attack.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_made_of_chrome_words_is_never_dropped(sentence):
    text = (
        f"Ambush near Deir ez-Zor\n\n{sentence}\n\nThe attack was the third in a week, a local source said."
    )
    assert sentence in strip_chrome(text)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_at_the_very_end_stays(sentence):
    text = f"Two people were wounded when a shell hit a house in Jisr al-Shughur.\n\n{sentence}"
    assert strip_chrome(text).endswith(sentence)


def test_short_closing_lines_without_chrome_stay():
    text = (
        "Fighters from both sides exchanged fire for an hour near Manbij, residents said.\n\n"
        "(Reporting by Desk Staff)\nEditing by Omar Said"
    )
    assert strip_chrome(text) == text


def test_tail_of_teasers_with_a_date_goes():
    text = (
        "A roadside bomb wounded three soldiers near Daraa on Friday, a military source said.\n\n"
        "Protests in Sweida enter third week\nMarch 2, 2024\nShelling resumes in Jabal al-Zawiya\n3 hours ago"
    )
    assert (
        strip_chrome(text)
        == "A roadside bomb wounded three soldiers near Daraa on Friday, a military source said."
    )


def test_section_labels_only_go_at_the_top():
    text = (
        "News\nPolitics\n\nA shell hit a market in Ariha, killing two people, the civil defence said.\n\nNews"
    )
    # "News" at the end is a tail block without any chrome mark: a lone word stays
    assert strip_chrome(text).startswith("A shell hit a market in Ariha")
    assert strip_chrome(text).endswith("News")


def test_byline_at_the_top_goes_but_a_sentence_starting_with_by_stays():
    text = (
        "By Hassan Ali\n\nBy the end of the day, the army had retaken two hills near Kabani, activists said."
    )
    assert (
        strip_chrome(text)
        == "By the end of the day, the army had retaken two hills near Kabani, activists said."
    )


def test_whitespace_and_blank_runs_are_normalised():
    text = (
        "\n\n  A car bomb exploded in Azaz, killing five people, the police said.  \n \n\n\n\xa0\n"
        "It was the second attack."
    )
    assert (
        strip_chrome(text)
        == "A car bomb exploded in Azaz, killing five people, the police said.\n\nIt was the second attack."
    )


def test_windows_line_endings():
    assert (
        strip_chrome("close button\r\nTwo were killed in Tabqa on Monday, police said.\r\n")
        == "Two were killed in Tabqa on Monday, police said."
    )


def test_only_chrome_gives_empty_text():
    assert strip_chrome("close button\nShare this article\ncomments\n") == ""


def test_user_rules():
    rules = parse_rules("[anywhere]\nlisten to this article\n[head]\n[tail]\n")
    text = (
        "Listen to this article\nShare this article\n"
        "Gunmen killed a teacher in Daraa on Sunday, relatives said."
    )
    assert (
        strip_chrome(text, rules)
        == "Share this article\nGunmen killed a teacher in Daraa on Sunday, relatives said."
    )


def test_has_prose():
    assert not has_prose("Home\nSyria\nIraq\nLog in\nPassword")
    assert has_prose("Gunmen killed two shepherds near Al-Sukhnah on Monday afternoon, relatives said.")
