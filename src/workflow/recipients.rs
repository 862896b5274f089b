//! Who an update goes to: To (the update's contact) and Cc. An update queued before the client
//! had a contact gets one when it is exported or sent.

use crate::error::Result;
use crate::model::Update;
use crate::store;

/// A recipient as a mail header shows it: (display name, address).
pub type Address = (String, String);

/// Gives a pending update with no contact the client's first contact (saved), so the body's
/// greeting and the To of what goes out name the same person.
pub fn resolve(tx: &rusqlite::Connection, u: Update) -> Result<Update> {
    if u.contact_id.is_some() || !u.state.is_pending() {
        return Ok(u);
    }
    let project = store::projects::get_project(tx, u.project_id)?;
    let Some(contact) = store::projects::primary_contact(tx, project.client_id)? else {
        return Ok(u);
    };
    let mut to = u;
    to.contact_id = Some(contact.id);
    store::updates::save(tx, &to)?;
    store::updates::get(tx, to.id)
}

/// The update's To (if its contact has an address) and its Cc addresses.
pub fn addresses(
    conn: &rusqlite::Connection,
    u: &Update,
) -> Result<(Option<Address>, Vec<Address>)> {
    let address = |id: i64| -> Result<Option<Address>> {
        let c = store::projects::get_contact(conn, id)?;
        Ok((!c.email.is_empty()).then_some((c.name, c.email)))
    };
    let to = u.contact_id.map(address).transpose()?.flatten();
    let mut cc = Vec::new();
    for id in store::client_text::cc_of(conn, u.id)? {
        if Some(id) != u.contact_id
            && let Some(a) = address(id)?
        {
            cc.push(a);
        }
    }
    Ok((to, cc))
}
