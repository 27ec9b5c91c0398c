/// A `directory:` section nobody answers (port 1), for commands that never read the directory.
let unreachableDirectoryYAML = """
    directory:
      preset: openldap
      url: ldap://127.0.0.1:1
      users:
        base: ou=people,dc=example,dc=com
      groups:
        base: ou=groups,dc=example,dc=com
    """
