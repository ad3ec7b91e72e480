"""English notes in ACLED's style, written from the event's fields (no machine translation).

ACLED notes read like: "On 3 May 2021, Iran-backed militias sent reinforcements to Hatla
(Deir ez-Zor) … [size=…]". The wording comes from templates per sub-type filled with the
canonical English names of the actors and places, the force composition and the casualties.
"""

from __future__ import annotations

import datetime as dt

from rasid.model import Event, ForceItem

_VERBS = {
    "Armed clash": "{a1} clashed with {a2} in {loc}",
    "Government regains territory": "{a1} regained control of {loc}",
    "Non-state actor overtakes territory": "{a1} took control of {loc}",
    "Chemical weapon": "{a1} used chemical weapons in {loc}",
    "Air/drone strike": "{a1} carried out an air/drone strike on {loc}",
    "Suicide bomb": "a suicide bomber attacked {a2} in {loc}",
    "Shelling/artillery/missile attack": "{a1} shelled {loc}",
    "Remote explosive/landmine/IED": "an explosive device went off in {loc}",
    "Grenade": "{a1} threw a grenade in {loc}",
    "Sexual violence": "{a1} committed sexual violence against {a2} in {loc}",
    "Attack": "{a1} attacked {a2} in {loc}",
    "Abduction/forced disappearance": "{a1} abducted {a2} in {loc}",
    "Peaceful protest": "people demonstrated in {loc}",
    "Protest with intervention": "people demonstrated in {loc} and were dispersed",
    "Excessive force against protesters": "{a1} used force against protesters in {loc}",
    "Violent demonstration": "rioters clashed in {loc}",
    "Mob violence": "a mob attacked {a2} in {loc}",
    "Agreement": "{a1} reached an agreement concerning {loc}",
    "Arrests": "{a1} arrested {a2} in {loc}",
    "Change to group/activity": "{a1} moved forces in {loc}",
    "Disrupted weapons use": "{a1} seized or defused weapons in {loc}",
    "Headquarters or base established": "{a1} established a base or headquarters in {loc}",
    "Looting/property destruction": "{a1} looted or destroyed property in {loc}",
    "Non-violent transfer of territory": "{a1} took over {loc} without fighting",
    "Other": "{a1} was involved in an incident in {loc}",
}
_MODALITY = {
    "planned": "Reportedly planned: ",
    "ongoing": "Ongoing: ",
    "background": "Background: ",
    "denied": "Reportedly did not happen: ",
    "conditional": "Conditional: ",
}


def _date_phrase(event: Event) -> str:
    if not event.event_date:
        return "On an unknown date"
    day = dt.date.fromisoformat(event.event_date)
    if event.time_precision == 1:
        return f"On {day.day} {day:%B %Y}"
    if event.time_precision == 2:
        return f"Around {day.day} {day:%B %Y}"
    return f"In {day:%B %Y}"


def _place_phrase(event: Event) -> str:
    loc = event.location
    if loc is None:
        return "an unspecified location"
    name = loc.name or loc.text
    region = ", ".join(x for x in (loc.admin1, loc.country) if x and x != name)
    return f"{name} ({region})" if region else name


def _force_phrase(items: list[ForceItem]) -> str:
    parts = []
    for item in items:
        count = f"{'about ' if item.approximate else ''}{item.count} " if item.count else ""
        calibre = f" ({item.calibre_mm:g} mm)" if item.calibre_mm and f"{item.calibre_mm:g}" not in item.name else ""
        parts.append(f"{count}{item.name}{calibre}")
    return "; ".join(parts)


def _movement(event: Event) -> str | None:
    """ "sent forces to Hatla from Iraq via al-Sikak", "withdrew forces from Manbij towards Tabqa"."""
    roles = {m.role: m.location.name or m.location.text for m in event.movement}
    here = event.location.name or event.location.text if event.location else None
    if not roles or event.sub_event_type != "Change to group/activity":
        return None
    if roles.get("origin") == here and "destination" not in roles:
        return f"withdrew forces from {_place_phrase(event)}"
    if roles.get("origin") == here:
        return f"withdrew forces from {_place_phrase(event)} towards {roles['destination']}"
    bits = [f"moved forces to {_place_phrase(event)}"]
    if "origin" in roles:
        bits.append(f"from {roles['origin']}")
    if "via" in roles and roles["via"] != here:
        bits.append(f"via {roles['via']}")
    return " ".join(bits)


def write_note(event: Event) -> str:
    """One or two English sentences that an analyst can read without the Arabic text."""
    a1 = event.actor1.canonical or event.actor1.text if event.actor1 else "unidentified actors"
    a2 = event.actor2.canonical or event.actor2.text if event.actor2 else "unidentified people"
    if event.assoc_actor_1:
        a1 += " (with " + ", ".join(a.canonical or a.text for a in event.assoc_actor_1) + ")"
    move = _movement(event)
    body = f"{a1} {move}" if move else _VERBS.get(event.sub_event_type, "{a1}: {loc}").format(
        a1=a1, a2=a2, loc=_place_phrase(event)
    )
    sentence = f"{_MODALITY.get(event.modality, '')}{_date_phrase(event)}, {body}."
    extras = []
    if event.force:
        extras.append(f"Reported force: {_force_phrase(event.force)}.")
    if event.fatalities:
        extras.append(f"{event.fatalities} reported killed.")
    if event.injuries:
        extras.append(f"{event.injuries} reported injured.")
    if event.fatalities == 0 and event.event_type in ("Battles", "Explosions/Remote violence"):
        extras.append("No fatalities reported.")
    return " ".join([sentence[0].upper() + sentence[1:], *extras])
