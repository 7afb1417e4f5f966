#ifndef LAB_CYAML_SHIM_H
#define LAB_CYAML_SHIM_H
#include <yaml.h>
#endif
