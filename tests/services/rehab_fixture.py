"""A knee-program history with hand-worked numbers, shared by the report-extras
and report read-back tests.

Enrolled in `knee-oa-6-weeks` (3 a week: Mon, Wed, Fri with Monday-first
weeks; `knee-friendly-20`, 10 min backward) on Mon 3 Mar 2025; the report is
made on Wed 26 Mar (week 4):

| week | from   | walked (knee-friendly-20, completed unless said)      | done/planned | min   |
|------|--------|-------------------------------------------------------|--------------|-------|
| 1    | 3 Mar  | Mon 3 (pain 5), Wed 5 (9 min back, pain 4), Fri 7 (4)  | 3 / 3 done   | 29/30 |
| 2    | 10 Mar | only Wed 12 on another routine (pain 4)                | 0 / 3 missed | 0/30  |
| 3    | 17 Mar | Mon 17 (3), Wed 19 (3), Thu 20 finished early (2)      | 2 / 3 partly | 20/30 |
| 4    | 24 Mar | Mon 24 (pain 2); Wed 26 is today, not walked yet      | 1 / 3 in progress | 10/30 |
| 5, 6 |        |                                                       | upcoming     |       |

Adherence to date counts the slots done or before today: 3 + 3 + 3 + 1 = 10
planned, 6 done (60 %); backward minutes 59 of 100 (59 %). Other walks: Wed 12
(another routine) and Thu 20 (finished early) = 2. Pain by week: 4.3, 4.0,
2.7, 2.0. 3MBWT: 6.42 s on 3 Mar ("first test"), 5.18 s on 24 Mar (-1.24 s).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tests.helpers import make_session
from walkback_desktop.core.assessments import AssessmentResult
from walkback_desktop.services.programs import ProgramService
from walkback_desktop.storage.store import Store

CET = timezone(timedelta(hours=1))
START = date(2025, 3, 3)  # a Monday; make_session(0) is 3 Mar 08:30 +01:00
TODAY = date(2025, 3, 26)
END = TODAY  # the report period of the tests: START..END
NOW = datetime(2025, 3, 26, 12, 0, tzinfo=CET)


def service_for(store: Store, today: date = TODAY) -> ProgramService:
    return ProgramService(store, today=lambda: today, locale_first_weekday=0)


def knee_history(store: Store) -> ProgramService:
    store.settings.update(week_start="monday")
    service = service_for(store)
    service.enrol("knee-oa-6-weeks", START)
    store.sessions.import_many(
        [
            make_session(0, pain=5),
            make_session(2, pain=4, backward_seconds=540.0),
            make_session(4, pain=4, backward_seconds=700.0),  # credited 10 min
            make_session(9, pain=4, routine_id="hallway-10", routine_name="Hallway retro walk"),
            make_session(14, pain=3),
            make_session(16, pain=3),
            make_session(17, pain=2, completed=False, backward_seconds=300.0),
            make_session(21, pain=2),
        ]
    )
    store.assessments.add(
        AssessmentResult(datetime(2025, 3, 3, 10, 0, tzinfo=CET), 6.42, (6.9, 6.42), "first test")
    )
    store.assessments.add(AssessmentResult(datetime(2025, 3, 24, 10, 0, tzinfo=CET), 5.18))
    return service
