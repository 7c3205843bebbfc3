//! The client's address as far as it can be believed: the TCP peer, or, when the peer is one of the
//! configured reverse proxies (`trusted_proxies`), the nearest address in `X-Forwarded-For` that is
//! not itself a trusted proxy. Entries left of that are the client's to write and are never read.

use std::net::IpAddr;

use actix_web::HttpRequest;
use ipnet::IpNet;

/// Walks `X-Forwarded-For` (every header line, in order) from the right, starting at the peer.
pub fn client_ip(peer: Option<IpAddr>, forwarded_for: &[&str], trusted: &[IpNet]) -> Option<IpAddr> {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    let mut client = peer?;
    if !is_trusted(&client) {
        return Some(client);
    }
    let hops = forwarded_for.iter().flat_map(|h| h.split(',')).map(str::trim).collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        match parse_hop(hop) {
            // What a trusted proxy wrote: believed. Stop at the first address it was not.
            Some(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // A malformed entry ends the walk at the last proxy that is believed.
            None => break,
        }
    }
    Some(client)
}

/// An address as proxies write it: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:443`, `203.0.113.7:51234`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Ok(sa) = hop.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    None
}

/// The request's client address (see the module), as text for the throttle; "unknown" without a peer.
pub fn address(req: &HttpRequest, trusted: &[IpNet]) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let headers: Vec<&str> = req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).collect();
    client_ip(peer, &headers, trusted).map(|ip| ip.to_string()).unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        assert_eq!(client_ip(Some(ip("198.51.100.9")), &["1.2.3.4"], &[]), Some(ip("198.51.100.9")));
        let t = nets(&["127.0.0.1/32"]);
        assert_eq!(client_ip(Some(ip("198.51.100.9")), &["1.2.3.4"], &t), Some(ip("198.51.100.9")));
    }

    #[test]
    fn behind_a_trusted_proxy_the_address_it_saw_is_the_client() {
        let t = nets(&["127.0.0.1/32", "10.0.0.0/8"]);
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &["203.0.113.7"], &t), Some(ip("203.0.113.7")));
        // Two proxies, and a forged entry on the left that nobody believes.
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &["6.6.6.6, 203.0.113.7, 10.1.2.3"], &t), Some(ip("203.0.113.7")));
        // Several header lines are one list, in order.
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &["6.6.6.6", "203.0.113.7"], &t), Some(ip("203.0.113.7")));
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &["[2001:db8::5]:443"], &t), Some(ip("2001:db8::5")));
    }

    #[test]
    fn a_missing_or_malformed_header_leaves_the_last_believed_hop() {
        let t = nets(&["127.0.0.1/32", "10.0.0.0/8"]);
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &[], &t), Some(ip("127.0.0.1")));
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &["not-an-ip, 10.0.0.2"], &t), Some(ip("10.0.0.2")));
        assert_eq!(client_ip(None, &["203.0.113.7"], &t), None);
    }
}
