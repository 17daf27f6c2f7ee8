/*
 * A kernel without librumpdev_elevator: the elevator's system calls are
 * in the table but return ENOSYS, and there is no elevator sysctl node.
 */
#include "elevtest.h"

int
main(void)
{
	int mib[8];
	unsigned int len;

	CHECK(rump_init() == 0);
	CHECK_ERR(rump_sys_start_elevator(), RUMP_ENOSYS);
	CHECK_ERR(rump_sys_issue_request(0, 1, 2), RUMP_ENOSYS);
	CHECK_ERR(rump_sys_stop_elevator(), RUMP_ENOSYS);
	CHECK(elev_mib("elevator.state", mib, &len) != 0);
	printf("enosys ok\n");
	return 0;
}
