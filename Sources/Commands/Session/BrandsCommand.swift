import Client
import Shell

/// `brands`: the five brands with their realms, IDP hosts and app redirect URIs (the seed's table, docs/api.md §3.2).
struct BrandsCommand: Command {
    var signature: Signature {
        Signature("brands", summary: "List the brands with their realm, IDP and redirect URI.")
            .output("list of records")
            .example("brands | where key == opel | get realm", "Opel's realm.", result: ["clientsB2COpel"])
    }

    var view: View? {
        View("brand", matching: .fields(["key", "realm", "otpRealm", "idp"]))
            .column("brand", .text("name"))
            .column("key", .text("key"))
            .column("realm", .text("realm"))
            .column("idp", .text("idp"), priority: 2)
            .column("otp realm", .text("otpRealm"), priority: 3)
            .column("redirect", .text("redirectUri"), priority: 4)
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(
            .list(
                Brand.all.map { brand in
                    [
                        "key": .string(brand.key), "name": .string(brand.name), "realm": .string(brand.realm), "otpRealm": .string(brand.otpRealm),
                        "idp": .string(brand.idpBase), "redirectUri": .string(brand.defaultRedirectURI),
                    ]
                }))
    }
}
