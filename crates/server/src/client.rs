//! The client's address, which every rate limit and the per-address upload
//! cap count by: the connection's peer, or, when the peer is a reverse proxy
//! named with `--trusted-proxy`, the address that proxy forwarded
//! (`X-Forwarded-For`, else `Forwarded: for=`). Headers from any other peer
//! are ignored, so a client cannot choose its own address. A request whose
//! address is unknown counts under one shared address: a limit never turns
//! itself off.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// The address a request is counted under (a request extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

/// The address counted when none is known.
pub const UNKNOWN: ClientAddr = ClientAddr(IpAddr::V4(Ipv4Addr::UNSPECIFIED));

impl ClientAddr {
    /// The address of a request that went through [`tag`] (else [`UNKNOWN`]).
    pub fn of(extensions: &axum::http::Extensions) -> ClientAddr {
        extensions.get::<ClientAddr>().copied().unwrap_or(UNKNOWN)
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<ClientAddr, Self::Rejection> {
        Ok(ClientAddr::of(&parts.extensions))
    }
}

/// One address of a forwarding header: `203.0.113.7`, `"[2001:db8::1]:443"`,
/// `198.51.100.2:8080`, `2001:db8::2`.
fn parse_one(raw: &str) -> Option<IpAddr> {
    let s = raw.trim().trim_matches('"');
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Some(sa.ip());
    }
    s.strip_prefix('[').and_then(|r| r.split_once(']')).and_then(|(ip, _)| ip.parse().ok())
}

/// The addresses a proxy forwarded, nearest last: `X-Forwarded-For`'s list,
/// else the `for=` of each `Forwarded` element (RFC 7239). An element that
/// is not an address (`unknown`, an obfuscated name) ends the chain there.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let xff: Vec<&str> = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    if !xff.is_empty() {
        return xff.iter().flat_map(|v| v.split(',')).map(parse_one).collect();
    }
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                k.trim().eq_ignore_ascii_case("for").then(|| parse_one(v)).flatten()
            })
        })
        .collect()
}

/// The client's address given the connection's `peer` and the `trusted`
/// proxies: walking the forwarded chain from the nearest hop, the first
/// address that is not a trusted proxy.
pub fn client_addr(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> ClientAddr {
    let Some(peer) = peer else { return UNKNOWN };
    if !trusted.contains(&peer) {
        return ClientAddr(peer);
    }
    let mut client = peer;
    for hop in forwarded_chain(headers).into_iter().rev() {
        match hop {
            Some(ip) => {
                client = ip;
                if !trusted.contains(&ip) {
                    break;
                }
            }
            None => break,
        }
    }
    ClientAddr(client)
}

/// Middleware: tags each request with its [`ClientAddr`].
pub async fn tag(State(trusted): State<Arc<Vec<IpAddr>>>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let addr = client_addr(peer, req.headers(), &trusted);
    req.extensions_mut().insert(addr);
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        let h = headers(&[("x-forwarded-for", "203.0.113.7")]);
        // Not a trusted proxy: its header is ignored.
        assert_eq!(client_addr(Some(ip("198.51.100.9")), &h, &[proxy]), ClientAddr(ip("198.51.100.9")));
        assert_eq!(client_addr(Some(proxy), &h, &[]), ClientAddr(proxy));
        // Trusted: the forwarded address.
        assert_eq!(client_addr(Some(proxy), &h, &[proxy]), ClientAddr(ip("203.0.113.7")));
    }

    #[test]
    fn the_nearest_untrusted_hop_is_the_client() {
        let (outer, inner) = (ip("10.0.0.1"), ip("10.0.0.2"));
        // A client that writes its own X-Forwarded-For only adds to the left.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.7, 10.0.0.1")]);
        assert_eq!(client_addr(Some(inner), &h, &[outer, inner]), ClientAddr(ip("203.0.113.7")));
        // Two header lines are one list.
        let h = headers(&[("x-forwarded-for", "1.2.3.4"), ("x-forwarded-for", "203.0.113.7")]);
        assert_eq!(client_addr(Some(inner), &h, &[inner]), ClientAddr(ip("203.0.113.7")));
        // A hop that is no address stops the walk at the last known one.
        let h = headers(&[("x-forwarded-for", "203.0.113.7, unknown")]);
        assert_eq!(client_addr(Some(inner), &h, &[inner]), ClientAddr(inner));
    }

    #[test]
    fn forwarded_header_and_its_forms() {
        let proxy = ip("10.0.0.2");
        let h = headers(&[("forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43, For=\"[2001:db8:cafe::17]:4711\"")]);
        assert_eq!(client_addr(Some(proxy), &h, &[proxy]), ClientAddr(ip("2001:db8:cafe::17")));
        let h = headers(&[("forwarded", "for=198.51.100.2:8080")]);
        assert_eq!(client_addr(Some(proxy), &h, &[proxy]), ClientAddr(ip("198.51.100.2")));
        // No header: the proxy itself (limits still count).
        assert_eq!(client_addr(Some(proxy), &HeaderMap::new(), &[proxy]), ClientAddr(proxy));
    }

    #[test]
    fn an_unknown_peer_is_counted_not_let_through() {
        assert_eq!(client_addr(None, &HeaderMap::new(), &[]), UNKNOWN);
        assert_eq!(ClientAddr::of(&axum::http::Extensions::new()), UNKNOWN);
    }
}
