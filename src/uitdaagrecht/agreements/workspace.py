"""The agreement pages in the staff workspace: the same views as the challengers', staff side."""

from uitdaagrecht.challenges.workspace import staff_action, staff_page

from . import views

overview = staff_page(views.overview)
propose = staff_page(views.propose)
sign = staff_action(views.sign)
