#include "BuildInfo.h"

#ifndef SPHERY_GIT_COMMIT
#define SPHERY_GIT_COMMIT "unknown"
#endif

#ifndef SPHERY_BUILD_DATE
#define SPHERY_BUILD_DATE "unknown"
#endif

const char *sphery_git_commit(void) { return SPHERY_GIT_COMMIT; }

const char *sphery_build_date(void) { return SPHERY_BUILD_DATE; }
