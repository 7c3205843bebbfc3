//! A request body must keep arriving: no pause longer than `request_timeout_seconds` between its
//! parts and no more than `request_body_seconds` in all. A body that stalls ends the request with
//! 408 and the connection closes, so a client announcing 100 bytes and sending 10 holds nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::HttpMessage;
use actix_web::dev::{Payload, ServiceRequest};
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use futures_util::Stream;
use tokio::time::{Instant, Sleep};

/// Set when the body ran out of time (the middleware then answers 408).
#[derive(Clone, Default)]
pub struct TimedOut(Arc<AtomicBool>);

impl TimedOut {
    pub fn happened(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Replaces the request's payload with one that fails once a pause or the whole body runs too long.
pub fn limit(req: &mut ServiceRequest, pause: Duration, total: Duration) -> TimedOut {
    let flag = TimedOut::default();
    let deadline = Instant::now() + total;
    let limited = Limited {
        inner: req.take_payload(),
        pause,
        deadline,
        timer: Box::pin(tokio::time::sleep_until(std::cmp::min(deadline, Instant::now() + pause))),
        done: false,
        flag: flag.clone(),
    };
    let boxed: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(limited);
    req.set_payload(Payload::from(boxed));
    flag
}

struct Limited {
    inner: Payload,
    pause: Duration,
    deadline: Instant,
    timer: Pin<Box<Sleep>>,
    done: bool,
    flag: TimedOut,
}

impl Stream for Limited {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(item)) => {
                let next_by = std::cmp::min(this.deadline, Instant::now() + this.pause);
                this.timer.as_mut().reset(next_by);
                Poll::Ready(Some(item))
            }
            Poll::Ready(None) => {
                this.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.done = true;
                    this.flag.0.store(true, Ordering::Relaxed);
                    let e = std::io::Error::new(std::io::ErrorKind::TimedOut, "request body timed out");
                    Poll::Ready(Some(Err(PayloadError::Io(e))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
