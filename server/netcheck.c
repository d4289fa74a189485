/* netcheck.c - SSRF address classification (see netcheck.h).
 *
 * The rules are two tables of prefixes (IPv4, IPv6), most specific first,
 * read by one longest-match-free linear scan: the first matching prefix
 * wins. IPv6 is an allowlist at heart: only 2000::/3 global unicast can be
 * public, and the v6 forms that embed an IPv4 address are unwrapped and
 * judged as that IPv4 address, so ::ffff:127.0.0.1 or 64:ff9b::a9fe:a9fe
 * cannot sneak past. Numeric URL tricks (http://2130706433/, 0x7f.1) need no
 * handling here: curl resolves them to a sockaddr and that is what we see. */
#include "netcheck.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

typedef struct {
    uint32_t net;   /* host order */
    int bits;
    netcheck_class cls;
} v4_rule;

/* IANA IPv4 special-purpose registry, the parts a fetcher must not reach. */
static const v4_rule V4_RULES[] = {
    {0xFFFFFFFFu, 32, NETCHECK_BROADCAST},   /* 255.255.255.255 limited broadcast */
    {0x00000000u, 8, NETCHECK_UNSPECIFIED},  /* 0.0.0.0/8 "this network" */
    {0x0A000000u, 8, NETCHECK_PRIVATE},      /* 10/8 RFC 1918 */
    {0x64400000u, 10, NETCHECK_CGNAT},       /* 100.64/10 RFC 6598 */
    {0x7F000000u, 8, NETCHECK_LOOPBACK},     /* 127/8 */
    {0xA9FE0000u, 16, NETCHECK_LINK_LOCAL},  /* 169.254/16 incl. 169.254.169.254 metadata */
    {0xAC100000u, 12, NETCHECK_PRIVATE},     /* 172.16/12 RFC 1918 */
    {0xC0000000u, 24, NETCHECK_RESERVED},    /* 192.0.0/24 IETF protocol assignments */
    {0xC0000200u, 24, NETCHECK_RESERVED},    /* 192.0.2/24 TEST-NET-1 */
    {0xC0586300u, 24, NETCHECK_RESERVED},    /* 192.88.99/24 old 6to4 relay anycast */
    {0xC0A80000u, 16, NETCHECK_PRIVATE},     /* 192.168/16 RFC 1918 */
    {0xC6120000u, 15, NETCHECK_RESERVED},    /* 198.18/15 benchmarking */
    {0xC6336400u, 24, NETCHECK_RESERVED},    /* 198.51.100/24 TEST-NET-2 */
    {0xCB007100u, 24, NETCHECK_RESERVED},    /* 203.0.113/24 TEST-NET-3 */
    {0xE0000000u, 4, NETCHECK_MULTICAST},    /* 224/4 */
    {0xF0000000u, 4, NETCHECK_RESERVED},     /* 240/4 future use */
};

/* How an IPv6 prefix is judged. */
typedef enum {
    V6_CLASS,        /* the class in the rule */
    V6_EMBED_LOW32,  /* the last 32 bits are an IPv4 address: judge that */
    V6_EMBED_6TO4,   /* bits 16..47 are an IPv4 address (2002:V4ADDR::/48) */
    V6_PUBLIC        /* global unicast */
} v6_action;

typedef struct {
    unsigned char net[16];
    int bits;
    v6_action action;
    netcheck_class cls;
} v6_rule;

/* Most specific first; the last rule (::/0) catches everything outside
 * 2000::/3 as reserved. */
static const v6_rule V6_RULES[] = {
    {{0}, 128, V6_CLASS, NETCHECK_UNSPECIFIED},                               /* :: */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, V6_CLASS, NETCHECK_LOOPBACK}, /* ::1 */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, V6_EMBED_LOW32, 0},      /* ::ffff:0:0/96 mapped */
    {{0}, 96, V6_EMBED_LOW32, 0},                                             /* ::/96 v4-compatible */
    {{0, 0x64, 0xff, 0x9b}, 96, V6_EMBED_LOW32, 0},                           /* 64:ff9b::/96 NAT64 */
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, V6_CLASS, NETCHECK_TUNNEL},             /* 64:ff9b:1::/48 local NAT64 */
    {{0x01, 0x00}, 64, V6_CLASS, NETCHECK_RESERVED},                          /* 100::/64 discard */
    {{0x20, 0x01, 0x0d, 0xb8}, 32, V6_CLASS, NETCHECK_RESERVED},              /* 2001:db8::/32 docs */
    {{0x20, 0x01, 0x00, 0x00}, 32, V6_CLASS, NETCHECK_TUNNEL},                /* 2001::/32 Teredo */
    {{0x20, 0x01, 0x00, 0x00}, 23, V6_CLASS, NETCHECK_RESERVED},              /* 2001::/23 IETF protocol */
    {{0x20, 0x02}, 16, V6_EMBED_6TO4, 0},                                     /* 2002::/16 6to4 */
    {{0xfc}, 7, V6_CLASS, NETCHECK_ULA},                                      /* fc00::/7 */
    {{0xfe, 0x80}, 10, V6_CLASS, NETCHECK_LINK_LOCAL},                        /* fe80::/10 */
    {{0xfe, 0xc0}, 10, V6_CLASS, NETCHECK_PRIVATE},                           /* fec0::/10 old site-local */
    {{0xff}, 8, V6_CLASS, NETCHECK_MULTICAST},                                /* ff00::/8 */
    {{0x20}, 3, V6_PUBLIC, 0},                                                /* 2000::/3 global unicast */
    {{0}, 0, V6_CLASS, NETCHECK_RESERVED},                                    /* everything else */
};

netcheck_class netcheck_ipv4(uint32_t ip)
{
    for (size_t i = 0; i < sizeof V4_RULES / sizeof V4_RULES[0]; i++) {
        const v4_rule *r = &V4_RULES[i];
        uint32_t mask = r->bits == 0 ? 0 : 0xFFFFFFFFu << (32 - r->bits);
        if ((ip & mask) == r->net)
            return r->cls;
    }
    return NETCHECK_PUBLIC;
}

static int v6_prefix_match(const unsigned char *a, const unsigned char *net, int bits)
{
    int full = bits / 8, rest = bits % 8;
    if (memcmp(a, net, (size_t)full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    unsigned char mask = (unsigned char)(0xFF << (8 - rest));
    return (a[full] & mask) == (net[full] & mask);
}

static uint32_t be32_at(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

netcheck_class netcheck_ipv6(const unsigned char addr[16])
{
    for (size_t i = 0; i < sizeof V6_RULES / sizeof V6_RULES[0]; i++) {
        const v6_rule *r = &V6_RULES[i];
        if (!v6_prefix_match(addr, r->net, r->bits))
            continue;
        switch (r->action) {
        case V6_CLASS: return r->cls;
        case V6_EMBED_LOW32: return netcheck_ipv4(be32_at(addr + 12));
        case V6_EMBED_6TO4: return netcheck_ipv4(be32_at(addr + 2));
        case V6_PUBLIC: return NETCHECK_PUBLIC;
        }
    }
    return NETCHECK_RESERVED; /* unreachable: ::/0 matches everything */
}

netcheck_class netcheck_sockaddr(const struct sockaddr *sa, socklen_t len)
{
    if (!sa)
        return NETCHECK_BAD_FAMILY;
    if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
        return netcheck_ipv4(ntohl(s4->sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
        return netcheck_ipv6(s6->sin6_addr.s6_addr);
    }
    return NETCHECK_BAD_FAMILY;
}

netcheck_class netcheck_string(const char *ip)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (!ip)
        return NETCHECK_BAD_FAMILY;
    /* inet_pton takes only dotted-quad decimal, never 0x7f.1 forms: strict on purpose. */
    if (inet_pton(AF_INET, ip, &a4) == 1)
        return netcheck_ipv4(ntohl(a4.s_addr));
    if (inet_pton(AF_INET6, ip, &a6) == 1)
        return netcheck_ipv6(a6.s6_addr);
    return NETCHECK_BAD_FAMILY;
}

const char *netcheck_class_name(netcheck_class c)
{
    switch (c) {
    case NETCHECK_PUBLIC: return "public";
    case NETCHECK_UNSPECIFIED: return "unspecified";
    case NETCHECK_LOOPBACK: return "loopback";
    case NETCHECK_PRIVATE: return "private";
    case NETCHECK_LINK_LOCAL: return "link-local";
    case NETCHECK_CGNAT: return "carrier-grade NAT";
    case NETCHECK_MULTICAST: return "multicast";
    case NETCHECK_BROADCAST: return "broadcast";
    case NETCHECK_ULA: return "unique local";
    case NETCHECK_RESERVED: return "reserved";
    case NETCHECK_TUNNEL: return "tunnel";
    case NETCHECK_BAD_FAMILY: return "not an IP address";
    }
    return "unknown";
}
