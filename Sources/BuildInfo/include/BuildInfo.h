#ifndef SPHERY_BUILD_INFO_H
#define SPHERY_BUILD_INFO_H

/// The git commit the binary was built from: `scripts/release.sh` sets SPHERY_GIT_COMMIT in the
/// environment and Package.swift defines it for this target alone; a development build answers
/// "unknown".
const char *sphery_git_commit(void);

/// The UTC date and time of the build, as `scripts/release.sh` passes it (SPHERY_BUILD_DATE);
/// a development build answers "unknown".
const char *sphery_build_date(void);

#endif
