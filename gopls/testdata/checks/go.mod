module example.com/checks

go 1.26.0
