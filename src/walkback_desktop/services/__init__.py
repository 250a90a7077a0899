"""Pure-Python application services that need storage (no Qt): the layer the
UI and the command line call for programs, enrolments and the walk test."""
