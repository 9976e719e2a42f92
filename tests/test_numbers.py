"""Reading numbers as news writes them."""

import pytest

from claimcheck.nlp.numbers import analysis_text, parse_fraction, parse_number, parse_ratio


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,840", 1840),
        ("40,000", 40000),
        ("0.61", 0.61),
        (".003", 0.003),
        ("forty-five", 45),
        ("Forty-Five", 45),
        ("twenty one", 21),
        ("twelve", 12),
        ("a dozen", 12),
        ("one hundred", 100),
        ("40 thousand", 40000),
        ("1.2 million", 1_200_000),
        ("three thousand", 3000),
    ],
)
def test_parse_number_reads_news_numbers(text, value):
    assert parse_number(text) == value


def test_integers_stay_integers_for_json():
    assert isinstance(parse_number("45"), int)
    assert isinstance(parse_number("1.2 million"), int)


@pytest.mark.parametrize("text", ["", "patients", "XNUMX", "one two buckle"])
def test_unreadable_numbers_are_none(text):
    assert parse_number(text) is None


def test_fractions_and_ratios():
    assert parse_fraction("a", "third") == 0.333
    assert parse_fraction("two", "thirds") == 0.667
    assert parse_fraction("three", "quarters") == 0.75
    assert parse_ratio("one", "five") == 0.2
    assert parse_ratio("3", "10") == 0.3
    assert parse_ratio("3", "0") is None


def test_decimal_commas_are_read_as_points_only_in_an_article_that_writes_them():
    from claimcheck.nlp.numbers import with_decimal_points

    german = "Von 1.214 Kindern hatten 3,5 % Symptome (odds ratio 1,7; 1,1 bis 2,6), Stand 18.03.2025."
    assert with_decimal_points(german) == "Von 1,214 Kindern hatten 3.5 % Symptome (odds ratio 1.7; 1.1 bis 2.6), Stand 18.03.2025."
    # English numbers, or a stray "2,3" beside decimal points: left as they are
    for text in ("In 2,3 or 4 doses, 0.5 mg and 1,840 people.", "Of 1,840 people, 12.5% had 1.214 mg."):
        assert with_decimal_points(text) is text
    assert len(with_decimal_points(german)) == len(german)


def test_full_width_forms_and_a_leading_zero_decimal_comma_in_the_analysis_text():
    from claimcheck.nlp.numbers import analysis_text

    chinese_mt = "Atropine slowed myopia 52\uff05 (n\uff1d806, P\uff1c0.001)\u3000in 3,251 children."
    assert analysis_text(chinese_mt) == "Atropine slowed myopia 52% (n=806, P<0.001) in 3,251 children."
    spanish_mt = "La mortalidad bajó (p<0,001) en 1.250 pacientes de 78,4 años."
    assert analysis_text(spanish_mt) == "La mortalidad bajó (p<0.001) en 1,250 pacientes de 78.4 años."
    for text in (chinese_mt, spanish_mt):
        assert len(analysis_text(text)) == len(text)


def test_indian_digit_grouping_and_two_scale_words():
    assert parse_number("1,60,000") == 160000
    assert parse_number("2,05,300") == 205300
    assert parse_number("two hundred thousand") == 200000


def test_a_comma_before_one_or_two_final_digits_is_decimal_even_beside_decimal_points():
    text = "Clinics opened from 10.00 to 19.00. The relative risk was 1,6 (95% CI 1,2 to 2,1) in 2,3 or 4 regions."
    assert analysis_text(text) == text.replace("1,6", "1.6").replace("1,2 to 2,1", "1.2 to 2.1")
