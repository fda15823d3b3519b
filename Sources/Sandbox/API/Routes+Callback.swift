import APIContract

/// 4.17 callbacks: `/user/callbacks[/{cbid}[/status]]` (docs/api.md §11.1). Deleting a callback deletes its monitors.
extension ConnectedCarAPI {
    static let callbackRoutes: [Route] = [
        Route("GET", "user/callbacks", query: Route.paging.union(["types"])) { c throws(SandboxError) in
            let query = try c.collection(filters: ["types"])
            let types = query.values("types").flatMap { $0.split(separator: ",").map(String.init) }
            for type in types where !CallbackValidator.types.contains(type) {
                throw .badParameter("types", "'\(type)' is not one of \(CallbackValidator.types.joined(separator: ", "))")
            }
            let callbacks = c.api.callbacks.callbacks(user: c.user).filter { callback in
                types.isEmpty || types.contains(where: callback.types.contains)
            }
            return try c.page(query, .all(callbacks.count), "callbacks") { callbackDocument(c, callbacks[$0]) }
        },
        Route("POST", "user/callbacks") { c throws(SandboxError) in
            let subscribe = try checked(c.request) { (body) throws(MonitorProblem) in try CallbackValidator.validate(body: body) }
            let callback = try store { () throws in try c.api.callbacks.create(user: c.user, subscribe: subscribe, at: c.api.clock.seconds) }
            return .json(200, callbackRef(c, callback))
        },
        Route("GET", "user/callbacks/{cbid}") { c throws(SandboxError) in
            .json(200, callbackDocument(c, try c.callback()))
        },
        Route("PUT", "user/callbacks/{cbid}") { c throws(SandboxError) in
            let callback = try c.callback()
            let subscribe = try checked(c.request) { (body) throws(MonitorProblem) in try CallbackValidator.validate(body: body) }
            return try updated(c, callback) { $0.subscribe = subscribe }
        },
        Route("PUT", "user/callbacks/{cbid}/status") { c throws(SandboxError) in
            let callback = try c.callback()
            let status = try statusSetter(c.request)
            return try updated(c, callback) { $0.status = status }
        },
        Route("DELETE", "user/callbacks/{cbid}") { c throws(SandboxError) in
            let callback = try c.callback()
            try store { () throws in
                try c.api.monitors.deleteAll(user: c.user, callback: callback.id)
                _ = try c.api.callbacks.delete(user: c.user, id: callback.id)
            }
            return SandboxResponse(status: 204)
        },
    ]

    static func callbackPath(_ callback: CallbackStore.Callback) -> String { "/user/callbacks/\(callback.id)" }

    static func callbackDocument(_ c: RouteContext, _ callback: CallbackStore.Callback) -> JSON {
        .obj([
            "id": .string(callback.id), "label": callback.label.map { .string($0) }, "status": .string(callback.status),
            "subscribe": callback.subscribe, "_links": .obj(["self": c.documents.link(callbackPath(callback))]),
        ])
    }

    static func callbackRef(_ c: RouteContext, _ callback: CallbackStore.Callback) -> JSON {
        .obj([
            "callbackId": .string(callback.id), "status": .string(callback.status),
            "_links": .obj(["callback": c.documents.link(callbackPath(callback))]),
        ])
    }

    /// Changes a callback and answers 202 with its reference.
    static func updated(_ c: RouteContext, _ callback: CallbackStore.Callback, _ change: (inout CallbackStore.Callback) -> Void)
        throws(SandboxError) -> SandboxResponse
    {
        let updated = try store { () throws in try c.api.callbacks.update(user: c.user, id: callback.id, at: c.api.clock.seconds, change) }
        guard let updated else { throw .notFound("We didn't find the callback \(callback.id).") }
        return .json(202, callbackRef(c, updated))
    }
}

extension RouteContext {
    /// The caller's callback named by `{cbid}`, or 404; with `serving`, one that serves that type (else 400).
    func callback(serving type: String? = nil) throws(SandboxError) -> CallbackStore.Callback {
        guard let id = parameters["cbid"], let callback = api.callbacks.callback(user: user, id: id) else {
            throw .notFound("We didn't find the callback \(parameters["cbid"].map { String($0.prefix(24)) } ?? "").")
        }
        if let type, !callback.types.contains(type) {
            throw .badParameter("cbid", "the callback serves \(callback.types.joined(separator: ", ")), not \(type); create one with type \(type)")
        }
        return callback
    }
}
