"""Fill the shell's nl/fr catalogues (locale/) from the table below; report what is missing.

Run after `make messages`: `.venv/bin/python scripts/fill_translations.py`. Entries already
translated in the .po are kept; the table is the reviewed source for the shell strings.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent

T: dict[str, tuple[str, str]] = {
    "Dutch": ("Nederlands", "Néerlandais"),
    "French": ("Frans", "Français"),
    "English": ("Engels", "Anglais"),
    "German": ("Duits", "Allemand"),
    "Not found": ("Niet gevonden", "Introuvable"),
    "Page not found": ("Pagina niet gevonden", "Page introuvable"),
    "This page does not exist, or you have no access to it.": (
        "Deze pagina bestaat niet, of u hebt er geen toegang toe.",
        "Cette page n'existe pas ou vous n'y avez pas accès.",
    ),
    "Back to the start page": ("Terug naar de startpagina", "Retour à la page d'accueil"),
    "Urbis": ("Urbis", "Urbis"),
    "Skip to content": ("Naar de inhoud", "Aller au contenu"),
    "Menu": ("Menu", "Menu"),
    "Main navigation": ("Hoofdnavigatie", "Navigation principale"),
    "Dashboard": ("Dashboard", "Tableau de bord"),
    "Administration": ("Beheer", "Administration"),
    "Language": ("Taal", "Langue"),
    "Change": ("Wijzigen", "Changer"),
    "Change password": ("Wachtwoord wijzigen", "Changer le mot de passe"),
    "Two-factor authentication": ("Tweestapsverificatie", "Authentification à deux facteurs"),
    "Log out": ("Afmelden", "Se déconnecter"),
    "Urbis — integrated urban-security strategy platform": (
        "Urbis — platform voor een integraal stedelijk veiligheidsbeleid",
        "Urbis — plateforme pour une stratégie intégrée de sécurité urbaine",
    ),
    "Audit and access log": ("Audit- en toegangslogboek", "Journal d'audit et d'accès"),
    "Log": ("Logboek", "Journal"),
    "Audit events": ("Auditgebeurtenissen", "Événements d'audit"),
    "Reads of personal data": (
        "Raadplegingen van persoonsgegevens",
        "Consultations de données personnelles",
    ),
    "Filter": ("Filteren", "Filtrer"),
    "When": ("Wanneer", "Quand"),
    "Who": ("Wie", "Qui"),
    "Action": ("Handeling", "Action"),
    "Purpose": ("Doel", "Finalité"),
    "Object": ("Object", "Objet"),
    "From": ("Vanaf", "Depuis"),
    "Nothing logged yet.": ("Nog niets gelogd.", "Rien n'a encore été journalisé."),
    "Page %(n)s of %(total)s": ("Pagina %(n)s van %(total)s", "Page %(n)s sur %(total)s"),
    "Previous": ("Vorige", "Précédent"),
    "Next": ("Volgende", "Suivant"),
    "Welcome, %(name)s": ("Welkom, %(name)s", "Bienvenue, %(name)s"),
    "Your account has no role yet. Ask an administrator to assign one.": (
        "Uw account heeft nog geen rol. Vraag een beheerder om er een toe te kennen.",
        "Votre compte n'a pas encore de rôle. Demandez-en un à un administrateur.",
    ),
    "Please correct the fields marked below.": (
        "Verbeter de velden die hieronder gemarkeerd zijn.",
        "Veuillez corriger les champs signalés ci-dessous.",
    ),
    "Map": ("Kaart", "Carte"),
    "Background map unavailable; showing Urbis layers only.": (
        "Achtergrondkaart niet beschikbaar; alleen de Urbis-lagen worden getoond.",
        "Fond de carte indisponible ; seules les couches Urbis sont affichées.",
    ),
    "Too many attempts": ("Te veel pogingen", "Trop de tentatives"),
    "Too many failed login attempts": (
        "Te veel mislukte aanmeldpogingen",
        "Trop de tentatives de connexion échouées",
    ),
    "This account is locked for a while. Try again later or ask an administrator.": (
        "Dit account is een tijd geblokkeerd. Probeer later opnieuw of vraag het een beheerder.",
        "Ce compte est bloqué pour un moment. Réessayez plus tard ou contactez un administrateur.",
    ),
    "Log in": ("Aanmelden", "Se connecter"),
    "City map": ("Stadskaart", "Carte de la ville"),
    "Neighbourhoods": ("Wijken", "Quartiers"),
    "Code": ("Code", "Code"),
    "Name": ("Naam", "Nom"),
    "Kind": ("Soort", "Type"),
    "Population": ("Inwoners", "Population"),
    "sample geometry": ("voorbeeldgrens", "géométrie d'exemple"),
    "No areas yet.": ("Nog geen gebieden.", "Pas encore de zones."),
    "Set up two-factor authentication": (
        "Tweestapsverificatie instellen",
        "Configurer l'authentification à deux facteurs",
    ),
    "Scan this code with an authenticator app (for example FreeOTP or Aegis).": (
        "Scan deze code met een authenticator-app (bijvoorbeeld FreeOTP of Aegis).",
        "Scannez ce code avec une application d'authentification (par exemple FreeOTP ou Aegis).",
    ),
    "Enter the six-digit code the app shows.": (
        "Vul de zescijferige code in die de app toont.",
        "Saisissez le code à six chiffres affiché par l'application.",
    ),
    "QR code for your authenticator app": (
        "QR-code voor uw authenticator-app",
        "Code QR pour votre application d'authentification",
    ),
    "Cannot scan? Enter this key by hand:": (
        "Scannen lukt niet? Voer deze sleutel met de hand in:",
        "Impossible de scanner ? Saisissez cette clé à la main :",
    ),
    "Confirm": ("Bevestigen", "Confirmer"),
    "Verification code": ("Verificatiecode", "Code de vérification"),
    "Verify": ("Verifiëren", "Vérifier"),
    "Password changed": ("Wachtwoord gewijzigd", "Mot de passe modifié"),
    "Back to the dashboard": ("Terug naar het dashboard", "Retour au tableau de bord"),
    "Urbis administration": ("Urbis-beheer", "Administration d'Urbis"),
    "The request has invalid fields.": (
        "De aanvraag bevat ongeldige velden.",
        "La requête contient des champs non valides.",
    ),
    "Not found.": ("Niet gevonden.", "Introuvable."),
    "Internal error; it has been logged.": (
        "Interne fout; ze werd gelogd.",
        "Erreur interne ; elle a été journalisée.",
    ),
    "No area covers this point.": (
        "Geen enkel gebied omvat dit punt.",
        "Aucune zone ne couvre ce point.",
    ),
    "Urbis core": ("Urbis-kern", "Noyau d'Urbis"),
    "Neighbourhoods and statistical sectors with their population.": (
        "Wijken en statistische sectoren met hun bevolking.",
        "Quartiers et secteurs statistiques avec leur population.",
    ),
    "Who did what, and who read which personal data.": (
        "Wie deed wat, en wie raadpleegde welke persoonsgegevens.",
        "Qui a fait quoi, et qui a consulté quelles données personnelles.",
    ),
    "The geometry must be a GeoJSON Polygon or MultiPolygon.": (
        "De geometrie moet een GeoJSON Polygon of MultiPolygon zijn.",
        "La géométrie doit être un Polygon ou MultiPolygon GeoJSON.",
    ),
    "The geometry is not valid GeoJSON: %(error)s": (
        "De geometrie is geen geldige GeoJSON: %(error)s",
        "La géométrie n'est pas un GeoJSON valide : %(error)s",
    ),
    "The polygon is empty or crosses itself.": (
        "De veelhoek is leeg of snijdt zichzelf.",
        "Le polygone est vide ou se recoupe.",
    ),
    "Coordinates must be WGS84 longitude/latitude in degrees ([lon, lat]).": (
        "Coördinaten moeten WGS84-lengte/breedte in graden zijn ([lon, lat]).",
        "Les coordonnées doivent être en longitude/latitude WGS84, en degrés ([lon, lat]).",
    ),
    "Latitude must lie in [-90, 90] and longitude in [-180, 180].": (
        "De breedtegraad moet tussen -90 en 90 liggen en de lengtegraad tussen -180 en 180.",
        "La latitude doit être comprise entre -90 et 90 et la longitude entre -180 et 180.",
    ),
    "The demo data is for trials only: set URBIS_DEBUG=1 to load it.": (
        "De demogegevens zijn alleen om uit te proberen: zet URBIS_DEBUG=1 om ze te laden.",
        "Les données de démonstration servent uniquement aux essais : définissez URBIS_DEBUG=1 pour les charger.",
    ),
    "Primary prevention": ("Primaire preventie", "Prévention primaire"),
    "Secondary prevention": ("Secundaire preventie", "Prévention secondaire"),
    "Tertiary prevention": ("Tertiaire preventie", "Prévention tertiaire"),
    "Sanction / enforcement": ("Sanctionering / handhaving", "Sanction / répression"),
    "City department": ("Stadsdienst", "Service communal"),
    "Police zone": ("Politiezone", "Zone de police"),
    "Justice": ("Justitie", "Justice"),
    "Welfare and health": ("Welzijn en gezondheid", "Aide sociale et santé"),
    "Youth work": ("Jeugdwerk", "Travail de jeunesse"),
    "Education": ("Onderwijs", "Enseignement"),
    "Housing": ("Wonen", "Logement"),
    "Civil society": ("Middenveld", "Société civile"),
    "Private sector": ("Privésector", "Secteur privé"),
    "Peer city": ("Partnerstad", "Ville partenaire"),
    "Other": ("Andere", "Autre"),
    "name": ("naam", "nom"),
    "short name": ("korte naam", "nom court"),
    "kind": ("soort", "type"),
    "place in the prevention spectrum": (
        "plaats in het preventiespectrum",
        "place dans le spectre de la prévention",
    ),
    "One or more of: primary, secondary, tertiary, sanction.": (
        "Een of meer van: primary, secondary, tertiary, sanction.",
        "Un ou plusieurs de : primary, secondary, tertiary, sanction.",
    ),
    "website": ("website", "site web"),
    "e-mail": ("e-mail", "e-mail"),
    "phone": ("telefoon", "téléphone"),
    "description": ("beschrijving", "description"),
    "active": ("actief", "actif"),
    "organisation": ("organisatie", "organisation"),
    "organisations": ("organisaties", "organisations"),
    "preferred language": ("voorkeurtaal", "langue préférée"),
    "user": ("gebruiker", "utilisateur"),
    "users": ("gebruikers", "utilisateurs"),
    "first name": ("voornaam", "prénom"),
    "last name": ("achternaam", "nom de famille"),
    "date of birth": ("geboortedatum", "date de naissance"),
    "national register number": ("rijksregisternummer", "numéro de registre national"),
    "street and number": ("straat en nummer", "rue et numéro"),
    "postal code": ("postcode", "code postal"),
    "municipality": ("gemeente", "commune"),
    "country": ("land", "pays"),
    "language": ("taal", "langue"),
    "person": ("persoon", "personne"),
    "people": ("personen", "personnes"),
    "Municipality": ("Gemeente", "Commune"),
    "Neighbourhood": ("Wijk", "Quartier"),
    "Statistical sector": ("Statistische sector", "Secteur statistique"),
    "Patrol zone": ("Patrouillezone", "Zone de patrouille"),
    "code": ("code", "code"),
    "geometry (GeoJSON, WGS84)": ("geometrie (GeoJSON, WGS84)", "géométrie (GeoJSON, WGS84)"),
    "population": ("bevolking", "population"),
    "population year": ("jaar van de bevolkingscijfers", "année de la population"),
    "Demo data: the outline is illustrative, not an official boundary.": (
        "Demogegevens: de omtrek is illustratief, geen officiële grens.",
        "Données de démonstration : le contour est indicatif, ce n'est pas une limite officielle.",
    ),
    "area": ("gebied", "zone"),
    "areas": ("gebieden", "zones"),
    "when": ("wanneer", "quand"),
    "actor": ("actor", "acteur"),
    "actor label": ("naam actor", "nom de l'acteur"),
    "action": ("handeling", "action"),
    "object type": ("objecttype", "type d'objet"),
    "object id": ("object-id", "identifiant de l'objet"),
    "object": ("object", "objet"),
    "details": ("details", "détails"),
    "IP address": ("IP-adres", "adresse IP"),
    "request id": ("aanvraag-id", "identifiant de requête"),
    "audit event": ("auditgebeurtenis", "événement d'audit"),
    "audit events": ("auditgebeurtenissen", "événements d'audit"),
    "purpose": ("doel", "finalité"),
    "path": ("pad", "chemin"),
    "access log entry": ("toegangslogregel", "entrée du journal d'accès"),
    "access log": ("toegangslogboek", "journal d'accès"),
    "Safety and prevention coordinator": (
        "Coördinator veiligheid en preventie",
        "Coordinateur sécurité et prévention",
    ),
    "Sanctioning official": ("Sanctionerend ambtenaar", "Fonctionnaire sanctionnateur"),
    "GAS staff": ("GAS-medewerker", "Collaborateur SAC"),
    "Ascertaining officer": ("Vaststellend ambtenaar", "Agent constatateur"),
    "Urban planner / project leader": (
        "Stedenbouwkundige / projectleider",
        "Urbaniste / chef de projet",
    ),
    "CPTED advisor": ("CPTED-adviseur", "Conseiller CPTED"),
    "Crime analyst": ("Criminaliteitsanalist", "Analyste criminel"),
    "Partner caseworker": ("Casemanager partner", "Intervenant partenaire"),
    "Data protection officer": (
        "Functionaris voor gegevensbescherming",
        "Délégué à la protection des données",
    ),
    "Administrator": ("Beheerder", "Administrateur"),
    "Six-digit code from your authenticator app": (
        "Zescijferige code uit uw authenticator-app",
        "Code à six chiffres de votre application d'authentification",
    ),
    "Enter the six digits shown in your app.": (
        "Vul de zes cijfers in die uw app toont.",
        "Saisissez les six chiffres affichés dans votre application.",
    ),
    "Your password has been changed.": (
        "Uw wachtwoord is gewijzigd.",
        "Votre mot de passe a été modifié.",
    ),
    "Two-factor authentication is now active.": (
        "Tweestapsverificatie is nu actief.",
        "L'authentification à deux facteurs est maintenant active.",
    ),
    "That code is not valid. Check your phone's clock and try again.": (
        "Die code is niet geldig. Controleer de klok van uw telefoon en probeer opnieuw.",
        "Ce code n'est pas valide. Vérifiez l'horloge de votre téléphone et réessayez.",
    ),
    "That code is not valid.": ("Die code is niet geldig.", "Ce code n'est pas valide."),
}


def fill(po_path: Path, index: int) -> list[str]:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for message in catalog:
        if not message.id or (message.string and not message.fuzzy):
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in T:
            message.string = T[key][index]
            message.flags.discard("fuzzy")
        else:
            missing.append(key)
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return missing


if __name__ == "__main__":
    problems = []
    for index, language in enumerate(("nl", "fr")):
        problems += [
            f"{language}: {m}"
            for m in fill(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", index)
        ]
    for problem in problems:
        print("missing", problem)
    sys.exit(1 if problems else 0)
