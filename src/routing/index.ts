/**
 * The routing module: everything that decides which instance serves a call (DESIGN §2–3).
 * scope.ts/expr.ts parse --scope; instances.ts resolves names (cloud, then region) to sessions;
 * openstackoid.ts is the server-side routing wire mode; colocation.ts says which services live
 * with compute; modes.ts is `&` and `|` per mode; router.ts puts them together for a command.
 */
export {ServiceClient} from './client.js'
export {COLOCATED} from './colocation.js'
export {type Expr, format, names, parseExpr} from './expr.js'
export {createOutcome, fallsBack, fanout, hasAnd, singleClient, UnknownOutcome, type Fanout, type FanoutOptions, type Mode, type Outcome, type Router} from './modes.js'
export {InstanceRouter, type RouterSettings} from './router.js'
export {checkInstances, type Known, loadScope, parseScope, type Scope, type ScopeEntry, scopeFromEnv, toJson, toObject} from './scope.js'
