/* A reference of the validate benchmark: libyaml's own document loader, which reads a YAML file
 * into libyaml's node tree (every scalar copied, every collection's children listed) and frees
 * it. What keeping a whole document costs in C, with no marks turned into byte offsets, no
 * schema, no diagnostics. Exit 0 when the file loads, 1 otherwise.
 *   cc -O2 -o yaml-load yaml-load.c -lyaml && ./yaml-load lab.yml */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: yaml-load FILE\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    yaml_parser_t parser;
    yaml_document_t document;
    if (!yaml_parser_initialize(&parser)) return 1;
    yaml_parser_set_input_file(&parser, file);
    int ok = yaml_parser_load(&parser, &document);
    if (!ok) {
        fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                parser.problem ? parser.problem : "error");
    } else {
        yaml_document_delete(&document);
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return ok ? 0 : 1;
}
