/* checksum.c — 64-bit FNV-1a: one multiply per byte, no table, enough to tell a file whose
 * content changed from the same file touched (not a defence against anyone crafting one). */
#include "load/checksum.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

uint64_t checksum_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int checksum_file(const char *path, uint64_t *out)
{
	char buf[65536];
	uint64_t h = CHECKSUM_INIT;
	ssize_t n;
	int fd = open(path, O_RDONLY), e;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		h = checksum_add(h, buf, (size_t)n);
	}
	close(fd);
	*out = h;
	return 0;
}
