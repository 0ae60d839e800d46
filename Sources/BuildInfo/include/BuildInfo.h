#ifndef SPHERY_BUILD_INFO_H
#define SPHERY_BUILD_INFO_H

/// The git commit the binary was built from: `scripts/release.sh` passes it with
/// `-Xcc -DSPHERY_GIT_COMMIT="<sha>"`; a development build answers "unknown".
const char *sphery_git_commit(void);

/// The UTC date of the build, as `scripts/release.sh` passes it (`-DSPHERY_BUILD_DATE`);
/// a development build answers "unknown".
const char *sphery_build_date(void);

#endif
