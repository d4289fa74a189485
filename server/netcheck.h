/* netcheck.h - classify an IP address as safe to fetch from or not (SSRF).
 *
 * The fetcher calls netcheck_sockaddr() on the address curl is about to
 * connect to (CURLOPT_OPENSOCKETFUNCTION) and again on the address it did
 * connect to (CURLOPT_PREREQFUNCTION), so a DNS answer can never be
 * re-bound between check and use. Pure functions, no I/O, thread-safe. */
#ifndef LEDE_NETCHECK_H
#define LEDE_NETCHECK_H

#include <stdint.h>
#include <sys/socket.h>

typedef enum {
    NETCHECK_PUBLIC = 0,     /* globally routable unicast: allowed */
    NETCHECK_UNSPECIFIED,    /* 0.0.0.0/8, :: */
    NETCHECK_LOOPBACK,       /* 127/8, ::1 */
    NETCHECK_PRIVATE,        /* 10/8, 172.16/12, 192.168/16 */
    NETCHECK_LINK_LOCAL,     /* 169.254/16 (cloud metadata), fe80::/10 */
    NETCHECK_CGNAT,          /* 100.64/10 shared address space */
    NETCHECK_MULTICAST,      /* 224/4, ff00::/8 */
    NETCHECK_BROADCAST,      /* 255.255.255.255 */
    NETCHECK_ULA,            /* fc00::/7 unique local */
    NETCHECK_RESERVED,       /* 240/4, documentation, benchmarking, IETF, non-2000::/3 v6 */
    NETCHECK_TUNNEL,         /* Teredo 2001::/32, local-use NAT64: embedded peer unknowable */
    NETCHECK_BAD_FAMILY      /* not AF_INET / AF_INET6, or a malformed sockaddr */
} netcheck_class;

/* ip in host byte order (0x7f000001 is 127.0.0.1). */
netcheck_class netcheck_ipv4(uint32_t ip);
/* 16 bytes, network order. IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
 * (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses are
 * judged by the IPv4 address they carry. */
netcheck_class netcheck_ipv6(const unsigned char addr[16]);
netcheck_class netcheck_sockaddr(const struct sockaddr *sa, socklen_t len);
/* Numeric address text ("10.0.0.1", "::1"); BAD_FAMILY when not numeric. */
netcheck_class netcheck_string(const char *ip);

/* Is this class refused when private networks are not allowed? */
static inline int netcheck_refused(netcheck_class c) { return c != NETCHECK_PUBLIC; }

/* "public", "loopback", ... for messages and logs. */
const char *netcheck_class_name(netcheck_class c);

#endif
