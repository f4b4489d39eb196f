"""The partner survey instrument: from the member list to a survey file for LimeSurvey,
KoboToolbox/ODK (XLSForm) or a fillable Excel workbook.

>>> import pandas as pd
>>> members = pd.DataFrame({"name": ["Stadt Rheinstadt", "Tafel e.V."],
...                         "sector": ["City", "Civil society"]})
>>> survey = survey_instrument(members, tool="limesurvey", lang="de")
>>> survey.items[0].name, survey.items[0].choices[2].label
('intensity', 'Koordination')
"""

from .core import FORMAT_VERSION, TOOLS, Instrument, Member, read_instrument, survey_instrument
from .items import DEFAULT_ITEMS, DEFAULT_RELATIONS, Choice, Item, item_set

__all__ = [
    "DEFAULT_ITEMS",
    "DEFAULT_RELATIONS",
    "FORMAT_VERSION",
    "TOOLS",
    "Choice",
    "Instrument",
    "Item",
    "Member",
    "item_set",
    "read_instrument",
    "survey_instrument",
]
