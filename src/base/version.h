/* version.h — dwh's version, for --version and the run log's dwh_version column. */
#ifndef DWH_VERSION_H
#define DWH_VERSION_H

#define DWH_VERSION "0.1.0"

#endif
