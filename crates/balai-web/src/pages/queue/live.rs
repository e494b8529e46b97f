//! Live queue events for displays and visitors' phones: published after a change commits and
//! sent as Server-Sent Events. One broadcast channel serves every location; a subscriber keeps
//! the events of its own. A display that falls behind or reconnects reloads the board, so
//! nothing depends on every event arriving.

use serde::Serialize;
use tokio::sync::broadcast;
use uuid::Uuid;

/// Events kept for slow subscribers before they are told they lagged.
const BUFFER: usize = 1024;

/// One change on the floor.
#[derive(Debug, Clone, Serialize)]
pub struct QueueEvent {
    #[serde(skip)]
    pub location_id: Uuid,
    /// `call` (a ticket was called or called again), `issue` (a ticket joined the queue),
    /// `update` (any other change: served, transferred, no-show).
    pub kind: &'static str,
    pub ticket_id: Uuid,
    pub number: String,
    pub counter_number: Option<i32>,
    /// What the display says aloud for a call (Indonesian).
    pub announcement: Option<String>,
}

/// The broadcast of queue events.
#[derive(Debug)]
pub struct QueueHub {
    tx: broadcast::Sender<QueueEvent>,
}

impl Default for QueueHub {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(BUFFER).0,
        }
    }
}

impl QueueHub {
    /// Sends `event` to every subscriber (none listening is fine).
    pub fn publish(&self, event: QueueEvent) {
        let _ = self.tx.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<QueueEvent> {
        self.tx.subscribe()
    }
}
