//! The client's people and the clients themselves as lists a pane pages through: contacts
//! (archived ones too, marked, so they can be brought back) and clients with their zone,
//! calendar and language.

use rusqlite::Row;
use rusqlite::types::Value;

use super::clients::ClientSettings;
use super::listing::Listing;
use super::row::get_enum_opt;
use super::window::{Key, Spec, TextFilter};
use crate::model::{Channel, Contact};

/// A contact as the People list shows it: archived ones stay listed, marked.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedContact {
    pub contact: Contact,
    pub archived: bool,
}

/// Contacts by client, then in the order they were added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactQuery {
    pub text: Option<String>,
}

pub const CONTACT_SPEC: Spec = Spec {
    select: "k.id, k.client_id, c.name, k.name, k.role, k.email, k.phone, k.channel,
        k.archived_at IS NOT NULL",
    main: "contacts k",
    alias: "k",
    joins: "JOIN clients c ON c.id = k.client_id",
    fts: "",
    text: "k.name || ' ' || k.role || ' ' || k.email || ' ' || k.phone || ' ' || c.name",
    key: &["k.client_id", "k.id"],
    rank: "",
    desc: false,
};

impl Listing for ContactQuery {
    type Row = ListedContact;
    const SPEC: Spec = CONTACT_SPEC;
    const RECORD: &'static str = "contact";

    /// Every contact, archived ones too (they are shown as such and can be restored).
    fn filter(&self) -> (String, Vec<Value>) {
        ("1".into(), Vec::new())
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<ListedContact> {
        Ok(ListedContact {
            contact: Contact {
                id: r.get(0)?,
                client_id: r.get(1)?,
                client: r.get(2)?,
                name: r.get(3)?,
                role: r.get(4)?,
                email: r.get(5)?,
                phone: r.get(6)?,
                channel: get_enum_opt::<Channel>(r, 7)?,
            },
            archived: r.get(8)?,
        })
    }

    fn sort_key(c: &ListedContact) -> Key {
        Key(vec![
            Value::Integer(c.contact.client_id),
            Value::Integer(c.contact.id),
        ])
    }

    fn id(c: &ListedContact) -> i64 {
        c.contact.id
    }
}

/// Clients in the order they were added, archived ones too (marked, so they can be restored).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientQuery {
    pub text: Option<String>,
}

pub const CLIENT_SPEC: Spec = Spec {
    select: "c.id, c.name, c.zone, c.calendar, c.language, c.notes,
        c.archived_at IS NOT NULL",
    main: "clients c",
    alias: "c",
    joins: "",
    fts: "",
    text: "c.name || ' ' || coalesce(c.zone, '') || ' ' || coalesce(c.language, '')",
    key: &["c.id"],
    rank: "",
    desc: false,
};

impl Listing for ClientQuery {
    type Row = ClientSettings;
    const SPEC: Spec = CLIENT_SPEC;
    const RECORD: &'static str = "client";

    fn filter(&self) -> (String, Vec<Value>) {
        ("1".into(), Vec::new())
    }

    fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn text_filter(&self) -> Option<TextFilter> {
        TextFilter::substring(self.text.as_deref())
    }

    fn row(r: &Row<'_>) -> rusqlite::Result<ClientSettings> {
        super::clients::row(r)
    }

    fn sort_key(c: &ClientSettings) -> Key {
        Key(vec![Value::Integer(c.id)])
    }

    fn id(c: &ClientSettings) -> i64 {
        c.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::NewContact;
    use crate::store::{Store, Window, projects};
    use chrono::{TimeZone, Utc};

    #[test]
    fn contacts_list_by_client_with_the_archived_marked_and_clients_filter_by_name() {
        let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.set_origin("test", Clock::Fixed(now));
        let add = |s: &mut Store, client: &str, name: &str| {
            s.write(|tx| {
                projects::insert_contact(
                    tx,
                    &NewContact {
                        client: client.into(),
                        name: name.into(),
                        role: String::new(),
                        email: String::new(),
                        phone: String::new(),
                        channel: None,
                    },
                    now,
                )
            })
            .unwrap()
        };
        let sarah = add(&mut store, "Northwind", "Sarah Chen");
        add(&mut store, "华东银行", "王芳");
        let tom = add(&mut store, "Northwind", "Tom Reed");
        store
            .write(|tx| projects::set_contact_archived(tx, tom, Some(now)))
            .unwrap();
        let listed = ContactQuery::default()
            .list(store.conn(), Window::new(0, 10))
            .unwrap();
        let names: Vec<(&str, bool)> = listed
            .iter()
            .map(|c| (c.contact.name.as_str(), c.archived))
            .collect();
        assert_eq!(
            names,
            [("Sarah Chen", false), ("Tom Reed", true), ("王芳", false)]
        );
        assert_eq!(
            ContactQuery::default()
                .position(store.conn(), sarah)
                .unwrap(),
            0
        );
        let found = ContactQuery {
            text: Some("银行".into()),
        }
        .list(store.conn(), Window::new(0, 10))
        .unwrap();
        assert_eq!(found.len(), 1);
        let clients = ClientQuery {
            text: Some("north".into()),
        }
        .list(store.conn(), Window::new(0, 10))
        .unwrap();
        assert_eq!(clients.len(), 1);
        assert_eq!(clients[0].name, "Northwind");
    }
}
