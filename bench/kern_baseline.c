/*
 * Benchmark baseline: a C program that starts and exits, reporting its
 * peak RSS the same way kern_boot.c does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Peak RSS of this program (VmHWM: unlike ru_maxrss, not inherited across exec). */
static long
peak_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

int
main(void)
{

	fprintf(stderr, "maxrss_kb %ld\n", peak_rss_kb());
	return 0;
}
