import express, { Router, type RequestHandler } from 'express';

/** A value of Express's `trust proxy` setting: all, a hop count, or addresses, subnets and names (`loopback`). */
export type TrustProxy = boolean | number | string | string[];

/**
 * Gives Refill's routes their own view of `req.ip`, `req.secure` and
 * `req.protocol` when `trustProxy` is set.
 *
 * Express reads those from `req.app.get('trust proxy fn')`, and a Router has
 * no settings of its own: mounted with `app.use(prefix, refill.router)` its
 * requests see the host app's `trust proxy`. So with `trustProxy` unset the
 * routes are returned as they are and the host's setting applies (false in
 * a new Express app: forwarded headers are ignored). With it set, the routes
 * run inside a small Express sub-app that has Refill's `trust proxy` (an
 * Express sub-app's own setting wins over its parent's); the request and
 * response get their prototypes back when Refill's routes hand the request
 * on, so the host's own routes never see Refill's setting.
 */
export function withTrustProxy(routes: Router, trustProxy: TrustProxy | undefined): Router {
    if (trustProxy === undefined) return routes;
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', trustProxy);
    app.use(routes);
    // An Express app takes a third `next` argument at runtime (app.handle); its type omits it.
    const handle = app as unknown as RequestHandler;
    const outer = Router();
    outer.use((req, res, next) => {
        const requestProto = Object.getPrototypeOf(req) as object;
        const responseProto = Object.getPrototypeOf(res) as object;
        handle(req, res, (error?: unknown) => {
            Object.setPrototypeOf(req, requestProto);
            Object.setPrototypeOf(res, responseProto);
            next(error);
        });
    });
    return outer;
}
