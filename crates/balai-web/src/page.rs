//! What every page template receives as `page`: language, translations, the signed-in user,
//! the CSRF token and the current path.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use balai_core::identity::Permission;

use crate::auth::RequestCtx;
use crate::i18n::{I18n, Lang};
use crate::state::AppState;

/// The signed-in user as the layout shows them.
#[derive(Debug, Clone)]
pub struct UserView {
    pub name: String,
    pub role_label: String,
    pub is_staff: bool,
}

/// The context of one page view.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub mall_name: String,
    pub path: String,
    pub user: Option<UserView>,
    pub csrf: String,
    pub permissions: Vec<Permission>,
}

impl PageCtx {
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        I18n::global().t(self.lang, key)
    }

    /// Picks the Indonesian or English text of a record that has both.
    pub fn pick<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        if self.is_en() && !en.trim().is_empty() {
            en
        } else {
            id
        }
    }

    pub fn other_lang_url(&self) -> String {
        format!("{}?lang={}", self.path, self.lang.other().code())
    }

    pub fn other_lang_label(&self) -> &'static str {
        match self.lang {
            Lang::Id => "English",
            Lang::En => "Bahasa Indonesia",
        }
    }

    /// Whether the current path is under `prefix` (for `aria-current`).
    pub fn nav_current(&self, prefix: &str) -> bool {
        if prefix == "/" || prefix == "/konsol" {
            self.path == prefix
        } else {
            self.path.starts_with(prefix)
        }
    }

    /// Whether the signed-in user holds the permission named `perm` (for showing console links).
    pub fn can(&self, perm: &str) -> bool {
        Permission::parse(perm).is_ok_and(|p| self.permissions.contains(&p))
    }

    pub(crate) fn from_ctx(ctx: &RequestCtx, mall_name: String) -> PageCtx {
        let user = ctx.user.as_ref().map(|u| UserView {
            name: u.display_name.clone(),
            role_label: I18n::global().t(ctx.lang, &format!("role-{}", u.role.replace('_', "-"))),
            is_staff: u.role().is_some_and(|r| r.is_staff()),
        });
        let permissions = ctx
            .user
            .as_ref()
            .and_then(|u| u.role())
            .map(|r| balai_core::identity::role_permissions(r).to_vec())
            .unwrap_or_default();
        PageCtx {
            lang: ctx.lang,
            mall_name,
            path: ctx.path.clone(),
            user,
            csrf: ctx.csrf.clone(),
            permissions,
        }
    }
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ctx = parts
            .extensions
            .get::<RequestCtx>()
            .cloned()
            .unwrap_or_default();
        Ok(PageCtx::from_ctx(&ctx, state.mall_name()))
    }
}
