/** The scope model: which instance(s) serve each service type. See DESIGN.md §2. */
export {type Expr, format, names, parseExpr} from './expr.js'
export {checkInstances, type Known, loadScope, parseScope, type Scope, type ScopeEntry, scopeFromEnv, toJson, toObject} from './scope.js'
