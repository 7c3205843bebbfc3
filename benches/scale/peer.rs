//! The peer every request figure is set beside: a bare actix-web hello-world, built from the bench
//! and run in this process on its own thread and actix System, with the service's worker count.

use std::net::{SocketAddr, TcpListener};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};

pub struct Peer {
    pub addr: SocketAddr,
    handle: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Peer {
    /// Answers "ok" to every request on a free local port.
    pub fn start(workers: usize) -> Peer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
        let addr = listener.local_addr().expect("a bound address");
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let system = actix_web::rt::System::new();
            system.block_on(async move {
                let server =
                    HttpServer::new(|| App::new().default_service(web::to(|| async { HttpResponse::Ok().body("ok") })))
                        .workers(workers)
                        .disable_signals()
                        .listen(listener)
                        .expect("the hello-world listens")
                        .run();
                tx.send(server.handle()).expect("the bench waits for the handle");
                let _ = server.await;
            });
        });
        let handle = rx.recv().expect("the hello-world starts");
        Peer { addr, handle, thread: Some(thread) }
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        // The handle's stop is a future; a throwaway runtime drives it.
        if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
            rt.block_on(handle.stop(false));
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
