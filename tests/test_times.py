"""Time layer: detection spans and TIMEX3 values on the real pipeline.

Tables of ``(text, reference date, expected [(span, type, value)])``; the
expected list is the complete output for the sentence, so every row is also a
negative test for anything else in it. The default reference date is the seed
article's, Monday 2021-09-27 (ISO week 39).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimx.extract.times import find_times

REF = dt.date(2021, 9, 27)

Expected = list[tuple[str, str, str | None]]

CASES: list[Any] = [
    # --- the seed article (Reuters, Kosovo plates)
    (
        "NATO troops stepped up patrols in Kosovo on Monday.",
        REF,
        [("Monday", "DATE", "2021-09-27")],
    ),
    (
        "Serbs have blocked two main roads since Monday last week.",
        REF,
        [("Monday last week", "DATE", "2021-09-20")],
    ),
    (
        "All drivers from Serbia must now use temporary plates.",
        REF,
        [("now", "DATE", "PRESENT_REF")],
    ),
    ("The plates are valid for 60 days.", REF, [("60 days", "DURATION", "P60D")]),
    ("Kosovo has imposed the rule since 2008.", REF, [("2008", "DATE", "2008")]),
    (
        "Two ministry buildings were attacked on Saturday, police said.",
        REF,
        [("Saturday", "DATE", "2021-09-25")],
    ),
    (
        "Serbia lost control over Kosovo in 1999 after NATO bombing.",
        REF,
        [("1999", "DATE", "1999")],
    ),
    (
        "Belgrade and Pristina committed to a dialogue in 2013.",
        REF,
        [("2013", "DATE", "2013")],
    ),
    # --- absolute dates in news forms
    ("The deal was signed on Sept 27.", REF, [("Sept 27", "DATE", "2021-09-27")]),
    ("The deal was signed on Sept. 27.", REF, [("Sept. 27", "DATE", "2021-09-27")]),
    (
        "The deal was signed on 27 September 2021.",
        REF,
        [("27 September 2021", "DATE", "2021-09-27")],
    ),
    (
        "The deal was signed on September 27th, 2021, in Brussels.",
        REF,
        [("September 27th, 2021", "DATE", "2021-09-27")],
    ),
    ("Boeing lost the bid on March 01 , 2008 .", REF, [("March 01 , 2008", "DATE", "2008-03-01")]),
    (
        "The court ruled on Tuesday, September 1, 2015.",
        REF,
        [("Tuesday, September 1, 2015", "DATE", "2015-09-01")],
    ),
    ("The file is dated 2021-09-27.", REF, [("2021-09-27", "DATE", "2021-09-27")]),
    ("The file is dated 9/27/2021.", REF, [("9/27/2021", "DATE", "2021-09-27")]),
    ("The tour ended on 11 December.", REF, [("11 December", "DATE", "2020-12-11")]),
    ("Sales fell in December 2008.", REF, [("December 2008", "DATE", "2008-12")]),
    (
        "The hearing was set for the 3rd of May 2020.",
        REF,
        [("the 3rd of May 2020", "DATE", "2020-05-03")],
    ),
    # month names without a year follow the tense
    ("Sales fell in January.", REF, [("January", "DATE", "2021-01")]),
    ("Elections will be held in January.", REF, [("January", "DATE", "2022-01")]),
    ("The plant closed in October.", REF, [("October", "DATE", "2020-10")]),
    ("The plant will close in October.", REF, [("October", "DATE", "2021-10")]),
    (
        "Franchises will not be renewed after October of next year.",
        REF,
        [("October of next year", "DATE", "2022-10")],
    ),
    (
        "A June 3 hearing has been scheduled.",
        dt.date(2009, 5, 14),
        [("June 3", "DATE", "2009-06-03")],
    ),
    (
        "It is to be held on October 12.",
        dt.date(2005, 10, 4),
        [("October 12", "DATE", "2005-10-12")],
    ),
    # decades, centuries, quarters, halves, seasons
    ("Unemployment peaked in the 1990s.", REF, [("the 1990s", "DATE", "199")]),
    ("The style dates from the 1930's.", REF, [("the 1930's", "DATE", "193")]),
    ("Music from the '80s is back.", REF, [("the '80s", "DATE", "198")]),
    ("Back in the sixties, he was aware of it.", REF, [("the sixties", "DATE", "196")]),
    ("Cities grew fast in the 20th century.", REF, [("the 20th century", "DATE", "19")]),
    ("Profit rose in the third quarter.", REF, [("the third quarter", "DATE", "2021-Q3")]),
    ("Profit rose in the fourth quarter.", REF, [("the fourth quarter", "DATE", "2020-Q4")]),
    (
        "Revenue in the first quarter of 2020 fell.",
        REF,
        [("the first quarter of 2020", "DATE", "2020-Q1")],
    ),
    ("Profits doubled in Q3 2020.", REF, [("Q3 2020", "DATE", "2020-Q3")]),
    ("Revenue in fiscal 2021 rose.", REF, [("fiscal 2021", "DATE", "FY2021")]),
    ("Revenue in FY2020 rose.", REF, [("FY2020", "DATE", "FY2020")]),
    ("Its third-quarter profit fell.", REF, [("third-quarter", "DATE", "2021-Q3")]),
    ("The summer of 2019 was hot.", REF, [("The summer of 2019", "DATE", "2019-SU")]),
    ("Prices rose last summer.", REF, [("last summer", "DATE", "2021-SU")]),
    # --- weekdays and tense
    ("The talks will resume on Friday.", REF, [("Friday", "DATE", "2021-10-01")]),
    ("He said on Wednesday that he would resign.", REF, [("Wednesday", "DATE", "2021-09-22")]),
    ("The meeting is on Thursday.", REF, [("Thursday", "DATE", "2021-09-30")]),
    ("He visited last Monday.", REF, [("last Monday", "DATE", "2021-09-20")]),
    ("We will meet next Monday.", REF, [("next Monday", "DATE", "2021-10-04")]),
    ("It happened on Friday morning.", REF, [("Friday morning", "TIME", "2021-09-24TMO")]),
    ("They meet on Tuesday next week.", REF, [("Tuesday next week", "DATE", "2021-10-05")]),
    # --- relative expressions
    ("He arrived yesterday.", REF, [("yesterday", "DATE", "2021-09-26")]),
    ("She leaves tomorrow.", REF, [("tomorrow", "DATE", "2021-09-28")]),
    ("The vote is today.", REF, [("today", "DATE", "2021-09-27")]),
    ("He spoke last week.", REF, [("last week", "DATE", "2021-W38")]),
    ("We meet next week.", REF, [("next week", "DATE", "2021-W40")]),
    ("Prices rose this week.", REF, [("this week", "DATE", "2021-W39")]),
    ("Prices rose this month.", REF, [("this month", "DATE", "2021-09")]),
    ("Prices rose last month.", REF, [("last month", "DATE", "2021-08")]),
    ("Prices will rise next year.", REF, [("next year", "DATE", "2022")]),
    ("This year, exports grew.", REF, [("This year", "DATE", "2021")]),
    ("Last year, exports grew.", REF, [("Last year", "DATE", "2020")]),
    ("Profit was lower than the previous year.", REF, [("the previous year", "DATE", "2020")]),
    ("Sales rose in the last quarter.", REF, [("the last quarter", "DATE", "2021-Q2")]),
    ("The band played this weekend.", REF, [("this weekend", "DATE", "2021-W38-WE")]),
    ("The band will play this weekend.", REF, [("this weekend", "DATE", "2021-W39-WE")]),
    ("Two people died in attacks over the weekend.", REF, [("the weekend", "DATE", "2021-W38-WE")]),
    ("Talks will resume after the weekend.", REF, [("the weekend", "DATE", "2021-W39-WE")]),
    ("He left two days ago.", REF, [("two days ago", "DATE", "2021-09-25")]),
    ("The company was founded three years ago.", REF, [("three years ago", "DATE", "2018")]),
    ("It moved here a few years ago.", REF, [("a few years ago", "DATE", "PAST_REF")]),
    # before year 1 no calendar date holds it: found, with no value (not a crash)
    (
        "The sport was first played some 2,500 years ago.",
        REF,
        [("some 2,500 years ago", "DATE", None)],
    ),
    ("The city was founded 2,100 years ago.", REF, [("2,100 years ago", "DATE", None)]),
    ("We met five years back.", REF, [("five years back", "DATE", "2016")]),
    ("The blast happened two hours ago.", REF, [("two hours ago", "DATE", "2021-09-27")]),
    ("It opened earlier this month.", REF, [("earlier this month", "DATE", "2021-09")]),
    ("The vote will take place in three weeks.", REF, [("three weeks", "DATE", "2021-W42")]),
    ("He was arrested last night.", REF, [("last night", "TIME", "2021-09-26TNI")]),
    ("This morning, the minister resigned.", REF, [("This morning", "TIME", "2021-09-27TMO")]),
    ("Shares fell earlier today.", REF, [("earlier today", "DATE", "2021-09-27")]),
    # --- part-of modifiers
    ("Output grew in early 2020.", REF, [("early 2020", "DATE", "2020")]),
    ("It will open in mid-2022.", REF, [("mid-2022", "DATE", "2022")]),
    ("It will end by the end of the year.", REF, [("the end of the year", "DATE", "2021")]),
    ("It was built in late 2006.", REF, [("late 2006", "DATE", "2006")]),
    ("Prices peaked in the mid-1990s.", REF, [("the mid-1990s", "DATE", "199")]),
    ("Output fell in late September.", REF, [("late September", "DATE", "2021-09")]),
    # --- durations
    (
        "Growth slowed over the past three years.",
        REF,
        [("the past three years", "DURATION", "P3Y")],
    ),
    ("He was jailed for six months.", REF, [("six months", "DURATION", "P6M")]),
    ("It took a decade.", REF, [("a decade", "DURATION", "P10Y")]),
    ("Two days of talks ended.", REF, [("Two days", "DURATION", "P2D")]),
    ("He spent 27 years in prison.", REF, [("27 years", "DURATION", "P27Y")]),
    ("They issued a 60-day permit.", REF, [("60-day", "DURATION", "P60D")]),
    ("Nurses work a 12-hour shift.", REF, [("12-hour", "DURATION", "PT12H")]),
    (
        "The delay lasted almost two and a half years.",
        REF,
        [("almost two and a half years", "DURATION", "P2.5Y")],
    ),
    ("Permits run for more than 60 days.", REF, [("more than 60 days", "DURATION", "P60D")]),
    ("The meeting lasted two hours.", REF, [("two hours", "DURATION", "PT2H")]),
    ("They talked for thirty minutes.", REF, [("thirty minutes", "DURATION", "PT30M")]),
    ("It took several years.", REF, [("several years", "DURATION", "PXY")]),
    (
        "The process takes between 60 and 90 days.",
        REF,
        [("60", "DURATION", "P60D"), ("90 days", "DURATION", "P90D")],
    ),
    ("Rates fell over the past decade.", REF, [("the past decade", "DURATION", "P10Y")]),
    ("Prices have risen in recent years.", REF, [("recent years", "DURATION", "PXY")]),
    (
        "Sales dropped in each of the past three quarters.",
        REF,
        [("the past three quarters", "DURATION", "P9M")],
    ),
    ("He won a quarter of the vote.", REF, []),
    # --- sets
    ("The council meets every week.", REF, [("every week", "SET", "P1W")]),
    ("The report is published annually.", REF, [("annually", "SET", "P1Y")]),
    ("Trucks cross the border daily.", REF, [("daily", "SET", "P1D")]),
    ("The plant makes $40 billion a year.", REF, [("a year", "SET", "P1Y")]),
    ("The club meets each Monday.", REF, [("each Monday", "SET", "XXXX-WXX-1")]),
    ("Photos were taken three times per day.", REF, [("three times per day", "SET", "P1D")]),
    ("The group meets twice a year.", REF, [("twice a year", "SET", "P1Y")]),
    ("It is updated every few weeks.", REF, [("every few weeks", "SET", "PXW")]),
    # --- times of day
    ("The strike began at 3 p.m.", REF, [("3 p.m.", "TIME", "2021-09-27T15:00")]),
    ("Polls closed at 22:30.", REF, [("22:30", "TIME", "2021-09-27T22:30")]),
    ("Take-off was at 08:30 UTC.", REF, [("08:30 UTC", "TIME", "2021-09-27T08:30Z")]),
    (
        "The launch is set for 12:00 UTC Monday.",
        REF,
        [("12:00 UTC Monday", "TIME", "2021-09-27T12:00Z")],
    ),
    (
        "Talks ended at noon on Saturday.",
        REF,
        [("noon", "TIME", "2021-09-25T12:00"), ("Saturday", "DATE", "2021-09-25")],
    ),
    ("The store opens at 9am tomorrow.", REF, [("9am tomorrow", "TIME", "2021-09-28T09:00")]),
    # --- PRESENT_REF / PAST_REF / FUTURE_REF
    ("The market is currently closed.", REF, [("currently", "DATE", "PRESENT_REF")]),
    ("Prices have risen recently.", REF, [("recently", "DATE", "PAST_REF")]),
    # a vague stretch ahead is a duration, as "the past few months" is one behind (TIMEX2
    # PXW; TimeBank annotates it so 7 times to 2 FUTURE_REF)
    ("Talks will continue in the coming weeks.", REF, [("the coming weeks", "DURATION", "PXW")]),
    ("Talks will resume in the next few days.", REF, [("the next few days", "DURATION", "PXD")]),
    ("More cuts are expected in the future.", REF, [("the future", "DATE", "FUTURE_REF")]),
    ("Such attacks happened in the past.", REF, [("the past", "DATE", "PAST_REF")]),
    ("A decision is expected very soon.", REF, [("very soon", "DATE", "FUTURE_REF")]),
    # a weekday range runs forward: its start is the one before its end, its end the one after its start
    (
        "The road was closed from Monday to Wednesday.",
        REF,
        [
            ("from Monday to Wednesday", "DURATION", "P2D"),
            ("Monday", "DATE", "2021-09-20"),
            ("Wednesday", "DATE", "2021-09-22"),
        ],
    ),
    (
        "The road will be closed from Wednesday to Monday.",
        REF,
        [
            ("from Wednesday to Monday", "DURATION", "P5D"),
            ("Wednesday", "DATE", "2021-09-29"),
            ("Monday", "DATE", "2021-10-04"),
        ],
    ),
    # "until" names the end of a period running on from a past event: the nearest date
    ("Schools were ordered closed until October 1.", REF, [("October 1", "DATE", "2021-10-01")]),
    ("The fair was held until September 1.", REF, [("September 1", "DATE", "2021-09-01")]),
    # negatives: "soon" after a past moment or an event is no time of its own
    ("Police soon arrived at the scene.", REF, []),
    ("Soon after the launch, the company cut prices.", REF, []),
    ("We will act as soon as we can.", REF, []),
    # --- dates counted from another date, written dates beside relative ones
    (
        "It happened 3 days after January 12th.",
        REF,
        [("3 days after January 12th", "DATE", "2021-01-15")],
    ),
    (
        "Results are due 4 months from tomorrow.",
        REF,
        [("4 months from tomorrow", "DATE", "2022-01-28")],
    ),
    (
        "He resigned effective next Wednesday, September 29.",
        REF,
        [("next Wednesday, September 29", "DATE", "2021-09-29")],
    ),
    ("This past Friday, the princess spoke.", REF, [("This past Friday", "DATE", "2021-09-24")]),
    ("We met on Tuesday of last week.", REF, [("Tuesday of last week", "DATE", "2021-09-21")]),
    ("Let's meet on Friday the 1st.", REF, [("Friday the 1st", "DATE", "2021-10-01")]),
    ("Apple announced on Tuesday the first iPod.", REF, [("Tuesday", "DATE", "2021-09-21")]),
    ("We meet on Monday next week.", REF, [("Monday next week", "DATE", "2021-10-04")]),
    ("It will happen on July 4th of 1995.", REF, [("July 4th of 1995", "DATE", "1995-07-04")]),
    ("The deal was signed in a 2003 interview.", REF, [("2003", "DATE", "2003")]),
    ("Since December GM and Chrysler have received loans.", REF, [("December", "DATE", "2020-12")]),
    # a clock time takes the day written before it in the paragraph
    (
        "On Monday, a water main broke. By 5:00 pm EDT the city issued a notice.",
        dt.date(2020, 8, 13),
        [("Monday", "DATE", "2020-08-10"), ("5:00 pm EDT", "TIME", "2020-08-10T17:00")],
    ),
    (
        "He will leave on August 2 at 5 p.m. local time (2100 UTC).",
        dt.date(2019, 7, 28),
        [
            ("August 2", "DATE", "2019-08-02"),
            ("5 p.m. local time", "TIME", "2019-08-02T17:00"),
            ("2100 UTC", "TIME", "2019-08-02T21:00Z"),
        ],
    ),
    # --- no reference date: relative values unknown, absolute ones kept
    ("Talks ended in 1999.", None, [("1999", "DATE", "1999")]),
    ("He left on Monday.", None, [("Monday", "DATE", None)]),
    ("Yesterday it rained.", None, [("Yesterday", "DATE", None)]),
    ("The deal was signed on Sept 27.", None, [("Sept 27", "DATE", "XXXX-09-27")]),
    ("He spoke last week.", None, [("last week", "DATE", None)]),
    # --- no false times
    ("2,000 troops were deployed.", REF, []),
    ("The virus was found in 2000 cases.", REF, []),
    ("You may leave now that the rain has stopped.", REF, []),
    ("May I ask a question?", REF, []),
    ("Protesters march on the capital.", REF, []),
    ("He was the first to arrive.", REF, []),
    ("The home side won 3-2.", REF, []),
    ("Jan Smith said so.", REF, []),
    ("The report ran to 300 pages.", REF, []),
    ("A 27-year-old man was arrested.", REF, []),
    ("The man, 27 years old, was arrested.", REF, []),
    ("The ratio was 1/2.", REF, []),
    ("She asked for a second chance.", REF, []),
    ("He won gold at the Winter Olympics.", REF, []),
    ("The Daily Mail reported it.", REF, []),
    ("April Smith spoke to reporters.", REF, []),
    ("Theresa May said the deal was dead.", REF, []),
    ("They live at 1500 Main Street.", REF, []),
    ("The score was 2:1.", REF, []),
    ("Prices rose 2.5 percent.", REF, []),
    ("He served a second term.", REF, []),
    ("USA Today reported it.", REF, []),
    ("A man in his 50s was hurt.", REF, []),
    ("A man in his sixties was hurt.", REF, []),
    ("The club meets on a Monday.", REF, []),
    ("The first half ended 0-0.", REF, []),
    ("It continues a 2000 year old tradition.", REF, []),
    ("Protests happen every now and then.", REF, []),
    ("The soon-to-open terminal is large.", REF, []),
    ("Daily et al. described it.", REF, []),
    # --- ranges: the range record (a DURATION over the whole phrase, rule "range", the
    # interval "begin/end" in resolution.anchor) and then its two end points, as MEANTIME
    # annotates "from 2009 to 2011"; a start without a year takes the end's
    (
        "The war lasted from 1992 to 1995.",
        REF,
        [
            ("from 1992 to 1995", "DURATION", "P3Y"),
            ("1992", "DATE", "1992"),
            ("1995", "DATE", "1995"),
        ],
    ),
    (
        "Rain fell between March and May.",
        REF,
        [
            ("between March and May", "DURATION", "P2M"),
            ("March", "DATE", "2021-03"),
            ("May", "DATE", "2021-05"),
        ],
    ),
    (
        "Between 2010 and 2015 sales doubled.",
        REF,
        [
            ("Between 2010 and 2015", "DURATION", "P5Y"),
            ("2010", "DATE", "2010"),
            ("2015", "DATE", "2015"),
        ],
    ),
    (
        "The festival runs from June 1 to June 10.",
        REF,
        [
            ("from June 1 to June 10", "DURATION", "P9D"),
            ("June 1", "DATE", "2021-06-01"),
            ("June 10", "DATE", "2021-06-10"),
        ],
    ),
    (
        "He lived there from May to Oct 2020.",
        REF,
        [
            ("from May to Oct 2020", "DURATION", "P5M"),
            ("May", "DATE", "2020-05"),
            ("Oct 2020", "DATE", "2020-10"),
        ],
    ),
    (
        "The exhibit is to run from September 20 through November 9.",
        REF,
        [
            ("from September 20 through November 9", "DURATION", "P50D"),
            ("September 20", "DATE", "2021-09-20"),
            ("November 9", "DATE", "2021-11-09"),
        ],
    ),
    (
        "The airline will receive jets from 2023 to 2025.",
        REF,
        [
            ("from 2023 to 2025", "DURATION", "P2Y"),
            ("2023", "DATE", "2023"),
            ("2025", "DATE", "2025"),
        ],
    ),
    ("Turnout rose from 40 to 60 percent.", REF, []),
    # --- times counted from the last time the text named ("released the next day");
    # with none before them the value stays open rather than guessed from the reference
    (
        "The election took place on March 3. A week later the results came in.",
        REF,
        [("March 3", "DATE", "2021-03-03"), ("A week later", "DATE", "2021-03-10")],
    ),
    (
        "He was arrested on Friday and released the next day.",
        REF,
        [("Friday", "DATE", "2021-09-24"), ("the next day", "DATE", "2021-09-25")],
    ),
    (
        "The plant opened on May 3. Three days later it closed.",
        REF,
        [("May 3", "DATE", "2021-05-03"), ("Three days later", "DATE", "2021-05-06")],
    ),
    (
        "The firm was founded in 2009. Two years later it went public.",
        REF,
        [("2009", "DATE", "2009"), ("Two years later", "DATE", "2011")],
    ),
    ("Stocks rose three days later.", REF, [("three days later", "DATE", None)]),
    (
        "The talks collapsed on Tuesday; the day before, both sides were upbeat.",
        REF,
        [("Tuesday", "DATE", "2021-09-21"), ("the day before", "DATE", "2021-09-20")],
    ),
    (
        "Sales in 2020 were 5 billion, up from 4 billion the year before.",
        REF,
        [("2020", "DATE", "2020"), ("the year before", "DATE", "2019")],
    ),
    ("The day after the attack, police arrived.", REF, []),
    ("It arrived three days later than planned.", REF, [("three days", "DURATION", "P3D")]),
    (
        "Sales rose 5% in August compared to the same month a year ago.",
        REF,
        [("August", "DATE", "2021-08"), ("the same month a year ago", "DATE", "2020-08")],
    ),
    (
        "Profit in the third quarter rose from the same period last year.",
        REF,
        [
            ("the third quarter", "DATE", "2021-Q3"),
            ("the same period last year", "DATE", "2020-Q3"),
        ],
    ),
    # --- ISO weeks of a month or year (a week belongs where its Thursday is: the last
    # week of March 2021 is 22-28 March), a day of the month alone, whole units
    (
        "Prices climbed in the last week of March.",
        REF,
        [("the last week of March", "DATE", "2021-W12")],
    ),
    (
        "It happened in the first week of 2015.",
        REF,
        [("the first week of 2015", "DATE", "2015-W01")],
    ),
    (
        "Shipments resumed in the second week of June 2020.",
        REF,
        [("the second week of June 2020", "DATE", "2020-W24")],
    ),
    ("The merger closed on the 18th, officials said.", REF, [("the 18th", "DATE", "2021-09-18")]),
    ("The vote will be held on the 3rd.", REF, [("the 3rd", "DATE", "2021-10-03")]),
    (
        "The talks end on the 30th of this month.",
        REF,
        [("the 30th of this month", "DATE", "2021-09-30")],
    ),
    ("The offices are closed all day.", REF, [("all day", "DURATION", "P1D")]),
    ("They worked all year on it.", REF, [("all year", "DURATION", "P1Y")]),
    # --- parts of a month or year, and a sentence-final month without its full stop
    ("Prices rose in mid-March.", REF, [("mid-March", "DATE", "2021-03")]),
    ("Fighting broke out in mid-June 2014.", REF, [("mid-June 2014", "DATE", "2014-06")]),
    ("The plan was agreed in late 2019.", REF, [("late 2019", "DATE", "2019")]),
    (
        "The bill is due at the end of the month.",
        REF,
        [("the end of the month", "DATE", "2021-09")],
    ),
    ("It opened in May.", REF, [("May", "DATE", "2021-05")]),
    # --- holidays without a fixed date (Easter by the computus, US Thanksgiving)
    ("Shops opened on Black Friday.", REF, [("Black Friday", "DATE", "2020-11-27")]),
    ("The attack happened on Good Friday.", REF, [("Good Friday", "DATE", "2021-04-02")]),
    ("Churches will be full at Easter.", REF, [("Easter", "DATE", "2022-04-17")]),
    ("He was born on Easter 2018.", REF, [("Easter 2018", "DATE", "2018-04-01")]),
    ("Black Friday sales rose.", REF, []),
    ("Easter eggs were sold.", REF, []),
    # --- a part of the unit without its article (headline style)
    ("The plant will close by end of year.", REF, [("end of year", "DATE", "2021")]),
    ("Rates rise at end of the month.", REF, [("end of the month", "DATE", "2021-09")]),
    ("At the end of the day, it failed.", REF, []),
    (
        "He was arrested on Friday and freed at 2 p.m. the next day.",
        REF,
        [("Friday", "DATE", "2021-09-24"), ("2 p.m. the next day", "TIME", "2021-09-25T14:00")],
    ),
    # --- with no time named before, narrative time is the reference date unless the
    # tense says otherwise ("rose three days later" above stays open)
    ("Talks will resume two weeks later.", REF, [("two weeks later", "DATE", "2021-10-11")]),
    ("The day before, officials met.", REF, [("The day before", "DATE", "2021-09-26")]),
    # --- relative fiscal years, European day-first dates with a full year
    ("Revenue rose 5% last fiscal year.", REF, [("last fiscal year", "DATE", "FY2020")]),
    ("The vote was held on 23.04.2022.", REF, [("23.04.2022", "DATE", "2022-04-23")]),
    ("Version 1.2.2022 was released.", REF, []),
    # --- no false times: ordinals, names, modal "may", verb "march", scores, addresses
    ("He lives on the 5th floor.", REF, []),
    ("The 18th hole was tough.", REF, []),
    ("Theresa May said no.", REF, []),
    ("You may go.", REF, []),
    ("Protesters march on the capital.", REF, []),
    ("The score was 3-2 at the 90th minute.", REF, []),
    ("He lives at 1600 Pennsylvania Avenue.", REF, []),
    ("The firm cut 2,000 jobs in 2000 cases.", REF, []),
    ("All day passes are sold out.", REF, []),
    ("The first week of training was hard.", REF, []),
    ("He came second in the race.", REF, []),
    # --- a clock time and the narrative day after it: one TIME on the day after the
    # clock's day (no day named, so the reference date)
    (
        "Polls closed at 22:30 and the last ballot was cast at 2:30 the next day.",
        REF,
        [
            ("22:30", "TIME", "2021-09-27T22:30"),
            ("2:30 the next day", "TIME", "2021-09-28T02:30"),
        ],
    ),
    # --- an infinitive takes the tense of the finite verb above it
    (
        "She admitted she was willing to skip class Thursday night.",
        dt.date(2014, 1, 28),
        [("Thursday night", "TIME", "2014-01-23TNI")],
    ),
    (
        "She says she is willing to skip class Thursday night.",
        dt.date(2014, 1, 28),
        [("Thursday night", "TIME", "2014-01-30TNI")],
    ),
    # ... unless the way up looks ahead (future in the past): the nearest one
    (
        "The Senate was to meet Monday to discuss it.",
        dt.date(2019, 3, 15),
        [("Monday", "DATE", "2019-03-18")],
    ),
    (
        "He was due to stand down in August.",
        dt.date(2020, 6, 10),
        [("August", "DATE", "2020-08")],
    ),
    (
        "Biden said he planned to announce his choice around August 1.",
        dt.date(2020, 7, 20),
        [("August 1", "DATE", "2020-08-01")],
    ),
    (
        "They made statements on their willingness to participate in a debate on October 15.",
        dt.date(2020, 10, 12),
        [("October 15", "DATE", "2020-10-15")],
    ),
    (
        "He tried to call her on Saturday.",
        dt.date(2021, 9, 30),
        [("Saturday", "DATE", "2021-09-25")],
    ),
    # a time word inside a name the tagger knows: "Park Won-soon", "Kamloops This Week"
    ("Mayor Park Won-soon was found dead.", REF, []),
    ("The director, Bob Hughes, told Kamloops This Week that payments were a problem.", REF, []),
    # --- a present perfect with a named time is past, not under a modal
    (
        "I have been to Magi-Fest in February and to the FFFF in April.",
        dt.date(2013, 10, 9),
        [("February", "DATE", "2013-02"), ("April", "DATE", "2013-04")],
    ),
    (
        "He would have been 80 on February 20.",
        dt.date(2019, 2, 11),
        [("February 20", "DATE", "2019-02-20")],
    ),
    # --- a present arrangement for a later time is future
    (
        "The vote is set for Tuesday.",
        dt.date(2019, 3, 15),
        [("Tuesday", "DATE", "2019-03-19")],
    ),
    (
        "Deliveries to Singapore Airlines are not due until October.",
        dt.date(2007, 3, 19),
        [("October", "DATE", "2007-10")],
    ),
    (
        "Sentencing is scheduled for February 4.",
        dt.date(2019, 2, 1),
        [("February 4", "DATE", "2019-02-04")],
    ),
    (
        "The report was due on Wednesday.",
        dt.date(2019, 3, 15),
        [("Wednesday", "DATE", "2019-03-13")],
    ),
    # --- a day word and its clock time are one TIME
    ("I'll be back tomorrow at 8:45a.", REF, [("tomorrow at 8:45a", "TIME", "2021-09-28T08:45")]),
    ("It will happen today at 9p.", REF, [("today at 9p", "TIME", "2021-09-27T21:00")]),
    ("I'll go back tonight around 7.", REF, [("tonight around 7", "TIME", "2021-09-27T19:00")]),
    ("I'll go back tonight at 2am.", REF, [("tonight at 2am", "TIME", "2021-09-27T02:00")]),
    ("It happened last night at 8.", REF, [("last night at 8", "TIME", "2021-09-26T20:00")]),
    (
        "I'll be back tomorrow before 5pm.",
        REF,
        [("tomorrow before 5pm", "TIME", "2021-09-28T17:00")],
    ),
    ("The door opens tomorrow am.", REF, [("tomorrow am", "TIME", "2021-09-28TMO")]),
    ("Rates rose today at 5 percent.", REF, [("today", "DATE", "2021-09-27")]),
    ("Shares closed yesterday at 12.", REF, [("yesterday", "DATE", "2021-09-26")]),
    ("Prices closed today at seven dollars.", REF, [("today", "DATE", "2021-09-27")]),
    (
        "The sun will set tomorrow at seven twenty-seven.",
        REF,
        [("tomorrow at seven twenty-seven", "TIME", "2021-09-28T07:27")],
    ),
    ("We meet tonight at eight.", REF, [("tonight at eight", "TIME", "2021-09-27T20:00")]),
    # --- two steps from the reference date
    (
        "He will arrive the day after tomorrow.",
        REF,
        [("the day after tomorrow", "DATE", "2021-09-29")],
    ),
    (
        "He arrived the day before yesterday.",
        REF,
        [("the day before yesterday", "DATE", "2021-09-25")],
    ),
    ("Talks resume the week after next.", REF, [("the week after next", "DATE", "2021-W41")]),
    ("The year before last was hot.", REF, [("The year before last", "DATE", "2019")]),
    # --- a fortnight counted as two weeks
    (
        "It was approved on May 3 and ended a fortnight later.",
        REF,
        [("May 3", "DATE", "2021-05-03"), ("a fortnight later", "DATE", "2021-05-17")],
    ),
    ("He will return in a fortnight.", REF, [("a fortnight", "DATE", "2021-W41")]),
    # --- quarters and halves with the year first (earnings tables)
    ("Revenue in 2019 Q1 fell.", REF, [("2019 Q1", "DATE", "2019-Q1")]),
    ("Revenue in 2019-Q1 fell.", REF, [("2019-Q1", "DATE", "2019-Q1")]),
    ("The plan covers 2019 H2.", REF, [("2019 H2", "DATE", "2019-H2")]),
    # --- holidays with their year written, also in lower case
    ("I'll go back on easter 2018.", REF, [("easter 2018", "DATE", "2018-04-01")]),
    ("I'll go back on black friday 2010.", REF, [("black friday 2010", "DATE", "2010-11-26")]),
    ("I'll go back on earth day 2010.", REF, [("earth day 2010", "DATE", "2010-04-22")]),
    (
        "There is an event on independence day of this year.",
        REF,
        [("independence day of this year", "DATE", "2021-07-04")],
    ),
    ("Sales peaked at Christmas 2019.", REF, [("Christmas 2019", "DATE", "2019-12-25")]),
    (
        "The sale starts 2 weeks before Christmas.",
        dt.date(2016, 11, 7),
        [("2 weeks before Christmas", "DATE", "2016-12-11")],
    ),
    ("We ate chocolate easter eggs.", REF, []),
    # a holiday with last / next: the occurrence before / after the reference date
    ("When was the last easter?", dt.date(2019, 3, 12), [("last easter", "DATE", "2018-04-01")]),
    ("When was the last easter?", dt.date(2019, 6, 12), [("last easter", "DATE", "2019-04-21")]),
    ("We met last Christmas.", REF, [("last Christmas", "DATE", "2020-12-25")]),
    ("Next Thanksgiving we will meet.", REF, [("Next Thanksgiving", "DATE", "2021-11-25")]),
    # --- named event dates
    ("He volunteered during 9/11.", REF, [("9/11", "DATE", "2001-09-11")]),
    ("She wrote 9/11-related poems.", REF, [("9/11", "DATE", "2001-09-11")]),
    ("The deadline is 9/11/2022.", REF, [("9/11/2022", "DATE", "2022-09-11")]),
    # --- a time word inside a longer name is not a time
    ("A cartoon by Saturday Morning Breakfast Cereal artist Zach Weiner.", REF, []),
    ("He watched Monday Night Football.", REF, []),
    (
        "On Friday Ford Motor Company announced the probe.",
        REF,
        [("Friday", "DATE", "2021-09-24")],
    ),
    ("On Sunday Barack Obama said no.", REF, [("Sunday", "DATE", "2021-09-26")]),
    ("He won gold at the 2014 Winter Paralympics.", REF, [("2014", "DATE", "2014")]),
    # --- durations: half units, fraction tails, two units as one period
    ("The talks lasted half an hour.", REF, [("half an hour", "DURATION", "PT30M")]),
    ("It took an hour and a half.", REF, [("an hour and a half", "DURATION", "PT1.5H")]),
    ("One hour and half is enough.", REF, [("One hour and half", "DURATION", "PT1.5H")]),
    (
        "He took one year and a quarter off.",
        REF,
        [("one year and a quarter", "DURATION", "P1.25Y")],
    ),
    ("Voting lasted twenty-four hours.", REF, [("twenty-four hours", "DURATION", "PT24H")]),
    (
        "The flight took 1 hour and 30 minutes.",
        REF,
        [("1 hour and 30 minutes", "DURATION", "PT1H30M")],
    ),
    (
        "He served 2 years and 6 months in prison.",
        REF,
        [("2 years and 6 months", "DURATION", "P2Y6M")],
    ),
    (
        "They waited 2 days and 3 weeks.",
        REF,
        [("2 days", "DURATION", "P2D"), ("3 weeks", "DURATION", "P3W")],
    ),
    # --- numbered weeks, weekdays of a named week, ordinal months and days
    ("Show sales in week 3 of 2027.", REF, [("week 3 of 2027", "DATE", "2027-W03")]),
    (
        "Show sales in week 27 of last year.",
        dt.date(2018, 7, 2),
        [("week 27 of last year", "DATE", "2017-W27")],
    ),
    ("He was hurt in week 3 of the season.", REF, []),
    (
        "It's on monday of the following week.",
        dt.date(2018, 7, 31),
        [("monday of the following week", "DATE", "2018-08-06")],
    ),
    ("Book a call next week Mon.", REF, [("next week Mon", "DATE", "2021-10-04")]),
    (
        "Set something up for Wednesday evening next week.",
        dt.date(2018, 8, 1),
        [("Wednesday evening next week", "TIME", "2018-08-08TEV")],
    ),
    (
        "Gains this calendar year were large.",
        REF,
        [("this calendar year", "DATE", "2021")],
    ),
    ("The first day of 2020 was cold.", REF, [("The first day of 2020", "DATE", "2020-01-01")]),
    (
        "They will leave the third month of 2021.",
        REF,
        [("the third month of 2021", "DATE", "2021-03")],
    ),
    (
        "We will come back on the 15th day of next month.",
        dt.date(2020, 7, 1),
        [("the 15th day of next month", "DATE", "2020-08-15")],
    ),
    # --- years in words and other written forms beside a month
    (
        "She was born on January twenty five nineteen eighty six.",
        REF,
        [("January twenty five nineteen eighty six", "DATE", "1986-01-25")],
    ),
    (
        "They arrived 13 Sept nineteen seventy two.",
        REF,
        [("13 Sept nineteen seventy two", "DATE", "1972-09-13")],
    ),
    (
        "On fifteen August nineteen hundred ninety three, the plant opened.",
        REF,
        [("fifteen August nineteen hundred ninety three", "DATE", "1993-08-15")],
    ),
    (
        "I'll be out August two thousand and fifteen.",
        REF,
        [("August two thousand and fifteen", "DATE", "2015-08")],
    ),
    ("They left in October two thousand.", REF, [("October two thousand", "DATE", "2000-10")]),
    ("In January two thousand people came.", REF, [("January", "DATE", "2021-01")]),
    ("I was born in April of 87.", REF, [("April of 87", "DATE", "1987-04")]),
    ("Eli Lilly sold IVAC on Dec31 , 1994.", REF, [("Dec31 , 1994", "DATE", "1994-12-31")]),
    ("How about 2019/aug/01?", REF, [("2019/aug/01", "DATE", "2019-08-01")]),
    ("How about 2019-aug-1?", REF, [("2019-aug-1", "DATE", "2019-08-01")]),
    ("The date should be 05-Aug-2016.", REF, [("05-Aug-2016", "DATE", "2016-08-05")]),
    ("I will go back on 28 june in 2020.", REF, [("28 june in 2020", "DATE", "2020-06-28")]),
    (
        "They left in nineteen ninety six and came back in two thousand and fifteen.",
        REF,
        [("nineteen ninety six", "DATE", "1996"), ("two thousand and fifteen", "DATE", "2015")],
    ),
    ("He was killed in two thousand attacks.", REF, []),
    ("The army arrived in two thousand.", REF, []),
    (
        "They worked for the last 3 months and 2 days ago they found it.",
        REF,
        [("the last 3 months", "DURATION", "P3M"), ("2 days ago", "DATE", "2021-09-25")],
    ),
    ("One and half hour is enough.", REF, [("One and half hour", "DURATION", "PT1.5H")]),
    (
        "He took a one and a quarter year gap.",
        REF,
        [("one and a quarter year", "DURATION", "P1.25Y")],
    ),
    (
        "January first 2000 was a special day.",
        REF,
        [("January first 2000", "DATE", "2000-01-01")],
    ),
]

# --- reporting periods, years, clock zones and vague points (issue 14); each with its
# negatives. Reference dates are a Monday in late October (earnings season) unless said.
OCT = dt.date(1989, 10, 30)
AUG = dt.date(2019, 8, 24)  # a Saturday
CASES += [
    # a day named without its year up to 60 days ahead stays in the year under a past verb
    ("The offer was extended to Nov. 16.", OCT, [("Nov. 16", "DATE", "1989-11-16")]),
    ("The dividend is payable Dec. 7.", OCT, [("Dec. 7", "DATE", "1989-12-07")]),
    # negative: further ahead it is the last one before the reference
    ("The plant closed on Dec. 12.", dt.date(1989, 3, 1), [("Dec. 12", "DATE", "1988-12-12")]),
    # the quarter just ended keeps its year whatever the tense
    (
        "It expects to release third-quarter results next week.",
        OCT,
        [("third-quarter", "DATE", "1989-Q3"), ("next week", "DATE", "1989-W45")],
    ),
    (
        "It will report fourth-quarter earnings.",
        dt.date(1990, 1, 15),
        [("fourth-quarter", "DATE", "1989-Q4")],
    ),
    # negative: a quarter still to come is this year's
    ("Sales will rise in the fourth quarter.", OCT, [("the fourth quarter", "DATE", "1989-Q4")]),
    # "a year earlier" / "a year ago" after a quarter: that quarter a year back
    (
        "Profit rose in the third quarter from $4 million a year earlier.",
        OCT,
        [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")],
    ),
    (
        "Net income rose in the third quarter. It was $2 million a year ago.",
        OCT,
        [("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3")],
    ),
    # negative: with no quarter named, a year ago is the year
    ("Net income was $2 million a year ago.", OCT, [("a year ago", "DATE", "1988")]),
    # a year or a relative year written before the ordinal: one mention
    (
        "It took a charge in the 1988 second quarter.",
        OCT,
        [("the 1988 second quarter", "DATE", "1988-Q2")],
    ),
    (
        "Sales for this year's third quarter fell.",
        OCT,
        [("this year's third quarter", "DATE", "1989-Q3")],
    ),
    (
        "It may start in next year's first quarter.",
        OCT,
        [("next year's first quarter", "DATE", "1990-Q1")],
    ),
    ("Sales fell in the last half of 1989.", OCT, [("the last half of 1989", "DATE", "1989-H2")]),
    # negative: "the last quarter" alone is the quarter before the reference's
    ("The last quarter was weak.", OCT, [("The last quarter", "DATE", "1989-Q3")]),
    # a period a report names by a noun
    ("Sales in the latest quarter rose.", OCT, [("the latest quarter", "DATE", "1989-Q3")]),
    (
        "Sales rose in the third quarter. Costs fell in the quarter.",
        OCT,
        [("the third quarter", "DATE", "1989-Q3"), ("the quarter", "DATE", "1989-Q3")],
    ),
    (
        "Sales rose in the third quarter. In the year-ago quarter it lost $2 million.",
        OCT,
        [("the third quarter", "DATE", "1989-Q3"), ("the year-ago quarter", "DATE", "1988-Q3")],
    ),
    (
        "It compared with year-earlier profit of $3.8 million.",
        OCT,
        [("year-earlier", "DATE", "1988-Q3")],
    ),
    # negatives: no reporting period
    ("It had a loss of $5 million for the quarter.", OCT, []),
    ("He lives in the Latin Quarter.", OCT, []),
    ("A quarter of the city burned.", OCT, []),
    ("In the period, sales rose.", OCT, []),
    # a vague stretch ahead is a duration; a vague amount before "earlier" a past point
    (
        "Talks will go on over the next several months.",
        REF,
        [("the next several months", "DURATION", "PXM")],
    ),
    ("A few weeks earlier, he had resigned.", REF, [("A few weeks earlier", "DATE", "PAST_REF")]),
    ("Several days later, the rebels attacked.", REF, [("Several days later", "DATE", "PAST_REF")]),
    # negative: "later than planned" is a delay
    ("A few weeks later than planned, it opened.", REF, [("A few weeks", "DURATION", "PXW")]),
    # a clock time in brackets is the same instant in another zone
    (
        "The storm made landfall on Wednesday evening at 8:30 p.m. (0030 UTC).",
        AUG,
        [
            ("Wednesday evening", "TIME", "2019-08-21TEV"),
            ("8:30 p.m.", "TIME", "2019-08-21T20:30"),
            ("0030 UTC", "TIME", "2019-08-22T00:30Z"),
        ],
    ),
    (
        "It struck at 0030 GMT (8:30 p.m. EDT) on Thursday.",
        AUG,
        [
            ("0030 GMT", "TIME", "2019-08-22T00:30Z"),
            ("8:30 p.m. EDT", "TIME", "2019-08-21T20:30"),
            ("Thursday", "DATE", "2019-08-22"),
        ],
    ),
    (
        "The blast happened at 9 a.m. (0700 GMT) on Monday.",
        AUG,
        [
            ("9 a.m.", "TIME", "2019-08-19T09:00"),
            ("0700 GMT", "TIME", "2019-08-19T07:00Z"),
            ("Monday", "DATE", "2019-08-19"),
        ],
    ),
    # a past clock time with no day near it takes the last day the story named
    (
        "The storm hit the coast on Wednesday.\n\nIt made landfall at 8:30 p.m.",
        AUG,
        [("Wednesday", "DATE", "2019-08-21"), ("8:30 p.m.", "TIME", "2019-08-21T20:30")],
    ),
    # negative: not in the past tense, the reference date's
    (
        "The storm hit the coast on Wednesday.\n\nThe curfew starts at 8 p.m.",
        AUG,
        [("Wednesday", "DATE", "2019-08-21"), ("8 p.m.", "TIME", "2019-08-24T20:00")],
    ),
    # fiscal years written with the two years they span; hyphenated year pairs
    (
        "The 2019-2020 fiscal year ended in June.",
        REF,
        [("2019-2020 fiscal year", "DATE", "FY2020"), ("June", "DATE", "2021-06")],
    ),
    ("Revenue in fiscal 2019/20 rose.", REF, [("fiscal 2019/20", "DATE", "FY2020")]),
    (
        "From 2019-2021 prices rose.",
        REF,
        [("From 2019-2021", "DURATION", "P2Y"), ("2019", "DATE", "2019"), ("2021", "DATE", "2021")],
    ),
    ("Call 1-800-2019-2020 now.", REF, [("now", "DATE", "PRESENT_REF")]),
    ("Scores were 2000-2100 points.", REF, []),
    # a count before a set adverb; a whole number and a fraction are one amount
    ("She takes the pill twice daily.", REF, [("twice daily", "SET", "P1D")]),
    ("They meet three times weekly.", REF, [("three times weekly", "SET", "P1W")]),
    # negative: a count of events with no period is no time (TIMEX3 has no SET without one)
    ("He has visited twice.", REF, []),
    ("The loan runs for 2 1/2 years.", REF, [("2 1/2 years", "DURATION", "P2.5Y")]),
    ("The deal closed on 1/2/2020.", REF, [("1/2/2020", "DATE", "2020-01-02")]),
    # an observance is the month of every year
    ("October is National Magic Month.", REF, [("October", "DATE", "XXXX-10")]),
    ("October is the month when the vote takes place.", REF, [("October", "DATE", "2021-10")]),
    # "July 1" with a known reference always has its year
    ("The law takes effect July 1.", REF, [("July 1", "DATE", "2021-07-01")]),
    ("The July 1 deadline passed.", REF, [("July 1", "DATE", "2021-07-01")]),
    ("Starting July 1, drivers must pay.", REF, [("July 1", "DATE", "2021-07-01")]),
    ("July 1", REF, [("July 1", "DATE", "2021-07-01")]),
    (
        "Until 9 a.m. Tuesday the road stays shut.",
        REF,
        [("9 a.m. Tuesday", "TIME", "2021-09-28T09:00")],
    ),
    # "the following year" counts from the time named last, as "the next day" does
    (
        "On May 22, 1995, he was made a general, and the following year he retired.",
        REF,
        [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")],
    ),
    # negative: without "the" it is the reference's
    ("Prices will rise next year.", REF, [("next year", "DATE", "2022")]),
    # comparisons with "a year earlier" all point at the same period
    (
        "Profit rose in the third quarter from $4 million a year earlier. Sales rose from $9 million a year earlier.",
        OCT,
        [
            ("the third quarter", "DATE", "1989-Q3"),
            ("a year earlier", "DATE", "1988-Q3"),
            ("a year earlier", "DATE", "1988-Q3"),
        ],
    ),
    # a present plan points ahead; a past one stays undecided (the nearest)
    (
        "The plant is scheduled to close Monday.",
        dt.date(1989, 11, 2),
        [("Monday", "DATE", "1989-11-06")],
    ),
    (
        "They were planning to drive to the coast on Saturday.",
        dt.date(1989, 11, 2),
        [("Saturday", "DATE", "1989-11-04")],
    ),
    # shares and titles are no times
    ("Iraq imports about three-quarters of its food.", REF, []),
    (
        "Profits fell in the past three quarters.",
        REF,
        [("the past three quarters", "DURATION", "P9M")],
    ),
    ('Baker, speaking on ABC\'s "This Week," said it was key.', REF, []),
    ("Gonzalez said on CBS's ''60 Minutes.''", REF, []),
    # negative: a quoted time is speech
    ('He said: "Next Monday."', REF, [("Next Monday", "DATE", "2021-10-04")]),
    # "the 1988 period": the report's quarter in that year
    (
        "Sales rose in the third quarter. In the 1988 period, it lost money.",
        OCT,
        [("the third quarter", "DATE", "1989-Q3"), ("the 1988 period", "DATE", "1988-Q3")],
    ),
    ("The 1988 period of growth ended.", OCT, [("1988", "DATE", "1988")]),
    # "or so" makes an approximation; business-day counts are amounts, no calendar count
    (
        "Then, a week or so ago, he picked a target.",
        REF,
        [("a week or so ago", "DATE", "2021-W38")],
    ),
    (
        "Eight trading days after Oct. 12, the index fell.",
        OCT,
        [("Eight trading days", "DURATION", "P8D"), ("Oct. 12", "DATE", "1989-10-12")],
    ),
    (
        "Three days after Jan. 12 it rained.",
        REF,
        [("Three days after Jan. 12", "DATE", "2021-01-15")],
    ),
    (
        "The market rose for three straight years.",
        REF,
        [("three straight years", "DURATION", "P3Y")],
    ),
    # "today" as the present age is PRESENT_REF, not the day
    (
        "It is as strong today as it was when Warhol was living.",
        REF,
        [("today", "DATE", "PRESENT_REF")],
    ),
    ("He sold me two books which I still own today.", REF, [("today", "DATE", "PRESENT_REF")]),
    (
        "Intel's chips are in many of today's personal computers.",
        REF,
        [("today", "DATE", "PRESENT_REF")],
    ),
    # negatives: the day
    ("Today's meeting was cancelled.", REF, [("Today", "DATE", "2021-09-27")]),
    ("GM's chief spoke at today's GM event.", REF, [("today", "DATE", "2021-09-27")]),
    ("The talks resume today.", REF, [("today", "DATE", "2021-09-27")]),
    # the period of the time named last
    (
        "He was elected in 1998. That year he married.",
        REF,
        [("1998", "DATE", "1998"), ("That year", "DATE", "1998")],
    ),
    (
        "She arrived on May 3, 2019. Later that day she left.",
        REF,
        [("May 3, 2019", "DATE", "2019-05-03"), ("Later that day", "DATE", "2019-05-03")],
    ),
    (
        "He was hired in March 2015 and fired the same month.",
        REF,
        [("March 2015", "DATE", "2015-03"), ("the same month", "DATE", "2015-03")],
    ),
    # negative: "that day" alone speaks of any day
    ("In 2019 he said that day would come.", REF, [("2019", "DATE", "2019")]),
]

XFAIL_CASES: list[Any] = [
    pytest.param(
        "Sales fell 5% from the same period of the last year.",
        REF,
        [("the same period of the last year", "DATE", "2020")],
        marks=pytest.mark.xfail(reason="'the same period' needs a time named before it"),
    ),
]


def _found(parse: Any, text: str, ref: dt.date | None) -> Expected:
    return [(t.text, t.type, t.value) for t in find_times(parse(text), ref)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "ref", "expected"), CASES + XFAIL_CASES)
def test_times(parse: Any, text: str, ref: dt.date | None, expected: Expected) -> None:
    assert _found(parse, text, ref) == expected


MODS = [
    ("Output grew in early 2020.", "START"),
    ("It will open in mid-2022.", "MID"),
    ("It will end by the end of the year.", "END"),
    ("Prices rose in mid-March.", "MID"),
    ("It fell late last year.", "END"),
    ("The delay lasted almost two and a half years.", "LESS_THAN"),
    ("Permits run for more than 60 days.", "MORE_THAN"),
    ("The talks lasted about three weeks.", "APPROX"),
    ("He picked it a week or so ago.", "APPROX"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "mod"), MODS)
def test_mods(parse: Any, text: str, mod: str) -> None:
    (found,) = find_times(parse(text), REF)
    assert found.mod == mod


SEED_LIKE = (
    "NATO increases patrols near Kosovo-Serbia border blockage\n\n"
    "PRISTINA, Sept 27 (Reuters) - NATO troops stepped up patrols in Kosovo on Monday, "
    "as Serbs from Kosovo's north have blocked two main roads since Monday last week.\n\n"
    "Under the ban, all drivers from Serbia must now use temporary plates valid for 60 days. "
    "At 3 p.m. on Saturday two buildings were attacked, police said. The talks will resume "
    "in the coming weeks, at 10:30 GMT on Oct. 4 , 2021 or in mid-2022; they met every week "
    "for the past three years, since the 1990s and early 2020."
)


@pytest.mark.model
@pytest.mark.parametrize("ref", [REF, None])
def test_offsets_exact_ordered_disjoint(parse: Any, ref: dt.date | None) -> None:
    doc = parse(SEED_LIKE)
    found = find_times(doc, ref)
    assert found
    last_end = 0
    for t in found:
        assert doc.text[t.start : t.end] == t.text
        assert t.text == t.text.strip()
        assert t.resolution is not None and t.resolution.rule
        if t.resolution.rule == "range":
            continue  # a range record covers its two end points, which follow it
        assert t.start >= last_end
        last_end = t.end


@pytest.mark.model
def test_rule_and_anchor_reported(parse: Any) -> None:
    (found,) = find_times(parse("NATO troops stepped up patrols on Monday."), REF)
    assert found.resolution is not None
    assert found.resolution.rule.startswith("weekday.past")
    assert found.resolution.anchor == "2021-09-27"


@pytest.mark.model
def test_deterministic(parse: Any) -> None:
    doc = parse(SEED_LIKE)
    assert find_times(doc, REF) == find_times(doc, REF)


@pytest.mark.model
def test_range_record(parse: Any) -> None:
    found = find_times(parse("Airbus will deliver jets from 2009 to 2011."), REF)
    rng, first, last = found
    assert rng.resolution is not None and rng.resolution.rule == "range"
    assert rng.resolution.anchor == "2009/2011"
    assert rng.start < first.start < last.start < rng.end == last.end


@pytest.mark.model
def test_masked_text_gives_nothing(parse: Any) -> None:
    # page furniture is replaced by spaces of equal length before parsing
    text = "He spoke last week." + " " * 40 + "\n\nPrices rose."
    found = find_times(parse(text), REF)
    assert [(t.text, t.start) for t in found] == [("last week", 9)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # web pages write dates with a no-break space; the tokenizer splits only at
        # plain ones, so claimx parses a copy with plain spaces and keeps the original
        ("The paper was published on December\xa08.", [("December\xa08", "2020-12-08")]),
        ("It will close on 1\u202fMay.", [("1\u202fMay", "2022-05-01")]),
        # negative: a plain space is read as before
        ("The paper was published on December 8.", [("December 8", "2020-12-08")]),
    ],
)
def test_dates_written_with_no_break_spaces(text: str, expected: list[tuple[str, str]]) -> None:
    from claimx.api import extract_text

    result = extract_text(text, ref_date=REF)
    assert [(t.text, t.value) for t in result.times] == expected
    assert all(text[t.start : t.end] == t.text for t in result.times)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # the tense chose the week, the year, the quarter's year: a guess
        ("Police said on Monday the fire started in March.", REF, [True, True]),
        ("Sales rose in the third quarter.", REF, [True]),
        ("Sales in the latest quarter rose.", OCT, [True]),
        (
            "The storm hit the coast on Wednesday.\n\nIt made landfall at 8:30 p.m.",
            AUG,
            [True, True],
        ),
        # negatives: the text settles the value
        ("The deal was signed on 27 September 2021.", REF, [False]),
        ("He was released last week.", REF, [False]),
        ("The plates are valid for 60 days.", REF, [False]),
        ("It struck on 21 August 2019 at 8:30 p.m.", AUG, [False, False]),
    ],
)
def test_ambiguous(parse: Any, text: str, ref: dt.date, expected: list[bool]) -> None:
    found = find_times(parse(text), ref)
    assert [t.resolution is not None and t.resolution.ambiguous for t in found] == expected
