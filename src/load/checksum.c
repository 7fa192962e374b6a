/* checksum.c — XXH64 (seed 0), streamed, and the legacy 64-bit FNV-1a: enough to tell a file
 * whose content changed from the same file touched (not a defence against anyone crafting
 * one). See checksum.h. */
#include "load/checksum.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

/* little-endian whatever the machine, so a checksum means the same everywhere: one load and,
 * on a big-endian machine, a byte swap (the byte-by-byte form was a call per word) */
static inline uint64_t le64(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof x);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

static uint64_t le32(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

static inline uint64_t round64(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	return rotl(acc, 31) * P1;
}

static uint64_t merge(uint64_t acc, uint64_t v)
{
	acc ^= round64(0, v);
	return acc * P1 + P4;
}

void checksum_init(struct checksum *c)
{
	memset(c, 0, sizeof *c);
	c->v[0] = P1 + P2;
	c->v[1] = P2;
	c->v[2] = 0;
	c->v[3] = 0 - P1;
}

/* The 32-byte stripes from p up to end (whole stripes only), the four lanes in registers
 * rather than stored and reloaded between stripes: the round's chain is then all that limits
 * it (it was a tenth of the events' parsing thread). Returns where it stopped. */
static const unsigned char *stripes(struct checksum *c, const unsigned char *p,
				    const unsigned char *end)
{
	uint64_t v0 = c->v[0], v1 = c->v[1], v2 = c->v[2], v3 = c->v[3];

	for (; end - p >= 32; p += 32) {
		v0 = round64(v0, le64(p));
		v1 = round64(v1, le64(p + 8));
		v2 = round64(v2, le64(p + 16));
		v3 = round64(v3, le64(p + 24));
	}
	c->v[0] = v0;
	c->v[1] = v1;
	c->v[2] = v2;
	c->v[3] = v3;
	return p;
}

void checksum_add(struct checksum *c, const void *data, size_t n)
{
	const unsigned char *p = data, *end = p + n;

	c->total += n;
	if (c->ntail + n < 32) {
		if (n)
			memcpy(c->tail + c->ntail, p, n);
		c->ntail += (unsigned)n;
		return;
	}
	if (c->ntail) {
		size_t take = 32 - c->ntail;

		memcpy(c->tail + c->ntail, p, take);
		stripes(c, c->tail, c->tail + 32);
		p += take;
		c->ntail = 0;
	}
	p = stripes(c, p, end);
	c->ntail = (unsigned)(end - p);
	if (c->ntail)
		memcpy(c->tail, p, c->ntail);
}

uint64_t checksum_value(const struct checksum *c)
{
	const unsigned char *p = c->tail, *end = p + c->ntail;
	uint64_t h;

	if (c->total >= 32) {
		h = rotl(c->v[0], 1) + rotl(c->v[1], 7) + rotl(c->v[2], 12) + rotl(c->v[3], 18);
		for (int i = 0; i < 4; i++)
			h = merge(h, c->v[i]);
	} else {
		h = P5;
	}
	h += c->total;
	for (; end - p >= 8; p += 8)
		h = rotl(h ^ round64(0, le64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		h = rotl(h ^ le32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl(h ^ *p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	return h ^ h >> 32;
}

uint64_t checksum_fnv_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int checksum_file(const char *path, int legacy, uint64_t *out)
{
	char buf[65536];
	struct checksum c;
	uint64_t h = CHECKSUM_FNV_INIT;
	ssize_t n;
	int fd = open(path, O_RDONLY), e;

	if (fd < 0)
		return -1;
	checksum_init(&c);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (legacy)
			h = checksum_fnv_add(h, buf, (size_t)n);
		else
			checksum_add(&c, buf, (size_t)n);
	}
	close(fd);
	*out = legacy ? h : checksum_value(&c);
	return 0;
}
