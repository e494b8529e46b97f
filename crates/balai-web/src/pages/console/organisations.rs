//! The organisations area of the staff console: organisations (`/konsol/instansi`), counters
//! (`/konsol/gerai`), officers (`/konsol/petugas`) and service charters (`/konsol/maklumat`).
//! Every page needs `CatalogManage`; the mall's organiser manages every organisation, a manager
//! bound to one organisation only that one (requirements §8).

mod agreement;
mod charters;
mod counters;
mod officers;
mod orgs;
mod shared;

use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(orgs::routes())
        .merge(agreement::routes())
        .merge(counters::routes())
        .merge(officers::routes())
        .merge(charters::routes())
}
