/// Alert types the generator uses (4.1x names, as production sends them) with their severity and a message in
/// each supported locale. The API's alert schema has no text field; the sandbox adds `message` so that `locale`
/// (which "changes the language of the alert message", quickstart) has a visible effect.
package struct AlertKind: Sendable {
    package let type: String
    package let severity: String
    /// Messages keyed by language: en, fr, de, it, es.
    package let messages: [String: String]

    /// The locales with their own texts; any other well-formed locale falls back to `en-GB`.
    package static let locales = ["en-GB", "fr-FR", "de-DE", "it-IT", "es-ES"]

    /// The message for `locale` (`fr-FR`, `fr`, `fr-BE` all give French).
    package func message(locale: String?) -> String {
        let language = String((locale ?? "en-GB").prefix { $0 != "-" && $0 != "_" }).lowercased()
        return messages[language] ?? messages["en"] ?? type
    }

    private init(_ type: String, _ severity: String, en: String, fr: String, de: String, it: String, es: String) {
        self.type = type
        self.severity = severity
        messages = ["en": en, "fr": fr, "de": de, "it": it, "es": es]
    }

    package static let all: [AlertKind] = [
        AlertKind(
            "FuelLevelLow", "Warning", en: "Low fuel level", fr: "Niveau de carburant bas", de: "Kraftstoffstand niedrig",
            it: "Livello carburante basso", es: "Nivel de combustible bajo"),
        AlertKind(
            "OilLevelLow", "Warning", en: "Engine oil level low", fr: "Niveau d'huile moteur bas", de: "Motorölstand niedrig",
            it: "Livello olio motore basso", es: "Nivel de aceite del motor bajo"),
        AlertKind(
            "AddWasherFluid", "Information", en: "Top up the washer fluid", fr: "Compléter le liquide lave-glace", de: "Waschflüssigkeit nachfüllen",
            it: "Rabboccare il liquido lavavetri", es: "Rellenar el líquido limpiaparabrisas"),
        AlertKind(
            "LeftFrontTireUnderInflated", "Warning", en: "Front left tyre under-inflated", fr: "Pneu avant gauche sous-gonflé",
            de: "Reifendruck vorne links zu niedrig", it: "Pneumatico anteriore sinistro sgonfio", es: "Neumático delantero izquierdo desinflado"),
        AlertKind(
            "RightRearTirePuncture", "Critical", en: "Rear right tyre puncture", fr: "Crevaison du pneu arrière droit",
            de: "Reifenpanne hinten rechts", it: "Foratura pneumatico posteriore destro", es: "Pinchazo en el neumático trasero derecho"),
        AlertKind(
            "TrunkOrHoodOpen", "Information", en: "Boot or bonnet open", fr: "Coffre ou capot ouvert", de: "Kofferraum oder Motorhaube offen",
            it: "Bagagliaio o cofano aperto", es: "Maletero o capó abierto"),
        AlertKind(
            "ChargingFailure", "Warning", en: "Charging failure", fr: "Échec de la charge", de: "Ladefehler", it: "Errore di ricarica",
            es: "Fallo de carga"),
        AlertKind(
            "EngineFault", "Critical", en: "Engine fault: have the vehicle checked", fr: "Défaut moteur : faire vérifier le véhicule",
            de: "Motorstörung: Fahrzeug prüfen lassen", it: "Guasto motore: far controllare il veicolo", es: "Fallo del motor: revise el vehículo"),
        AlertKind(
            "ReplaceBrakePads", "Warning", en: "Replace the brake pads", fr: "Remplacer les plaquettes de frein", de: "Bremsbeläge ersetzen",
            it: "Sostituire le pastiglie dei freni", es: "Sustituir las pastillas de freno"),
        AlertKind(
            "RiskOfIce", "Information", en: "Risk of ice", fr: "Risque de verglas", de: "Glatteisgefahr", it: "Rischio di ghiaccio",
            es: "Riesgo de hielo"),
        AlertKind(
            "CoolantLevellow", "Critical", en: "Coolant level low", fr: "Niveau de liquide de refroidissement bas", de: "Kühlmittelstand niedrig",
            it: "Livello liquido di raffreddamento basso", es: "Nivel de refrigerante bajo"),
        AlertKind(
            "ReplaceTheRemoteControlBattery", "Information", en: "Replace the remote control battery", fr: "Remplacer la pile de la télécommande",
            de: "Batterie der Fernbedienung ersetzen", it: "Sostituire la batteria del telecomando", es: "Sustituir la pila del mando a distancia"),
        AlertKind(
            "LeftRearDoorOpen", "Information", en: "Rear left door open", fr: "Porte arrière gauche ouverte", de: "Tür hinten links offen",
            it: "Porta posteriore sinistra aperta", es: "Puerta trasera izquierda abierta"),
        AlertKind(
            "ParticleFilterFull", "Warning", en: "Particle filter full", fr: "Filtre à particules plein", de: "Partikelfilter voll",
            it: "Filtro antiparticolato pieno", es: "Filtro de partículas lleno"),
        AlertKind(
            "ElectricTractionSystemFault", "Critical", en: "Electric traction system fault", fr: "Défaut du système de traction électrique",
            de: "Störung des elektrischen Antriebs", it: "Guasto al sistema di trazione elettrica", es: "Fallo del sistema de tracción eléctrica"),
        AlertKind(
            "ShiftToPark", "Information", en: "Shift to P", fr: "Passer en position P", de: "Auf P schalten", it: "Inserire la posizione P",
            es: "Cambie a la posición P"),
    ]
}
