"""naskah's service: the library of agreements, its register, accounts and jobs, over HTTP and
the command line. README.md (Layout) maps the packages and says where a change goes."""
