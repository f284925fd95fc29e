"""What Markdown and HTML are, shared by every stage that reads them: the sanitiser's allow-list.

It sits below the stages (it imports none of them): planning pages sanitises a program's abstract,
finishing pages sanitises every rendered body, and both must agree on what is allowed.
"""
